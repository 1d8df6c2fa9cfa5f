import { describe, expect, it } from 'vitest';
import { editorCommand } from './edit.ts';

// kubectl's defaultEnvEditor (staging/src/k8s.io/kubectl/pkg/cmd/util/editor/editor.go).
describe('editorCommand: the editor kubectl would run', () => {
  it.each([
    [{}, { args: ['vi'], shell: false }],
    [{ EDITOR: 'nano' }, { args: ['nano'], shell: false }],
    [{ KUBE_EDITOR: 'code', EDITOR: 'nano' }, { args: ['code'], shell: false }],
    [{ KUBE_EDITOR: '', EDITOR: 'nano' }, { args: ['nano'], shell: false }],
    // Spaces without quotes: split on single spaces, as strings.Split does.
    [{ KUBE_EDITOR: 'code --wait' }, { args: ['code', '--wait'], shell: false }],
    [{ KUBE_EDITOR: 'sed -i s/a/b/' }, { args: ['sed', '-i', 's/a/b/'], shell: false }],
    // Quotes or a backslash: the shell reads it, with the file appended quoted.
    [{ KUBE_EDITOR: "sed -i 's/a b/c/'" }, { args: ['/bin/bash', '-c', "sed -i 's/a b/c/'"], shell: true }],
    [{ KUBE_EDITOR: 'vim "-c" x', SHELL: '/bin/zsh' }, { args: ['/bin/zsh', '-c', 'vim "-c" x'], shell: true }],
  ])('%j → %j', (env, expected) => {
    expect(editorCommand(env)).toEqual(expected);
  });
});
