// The `dsim` command: kubectl's verbs over a saved event log, with simulated time that only moves
// when you say so. Edge code: reads files and arguments, prints, and leaves all modelling to
// @dsim/core. Every user mistake becomes one line on stderr and a non-zero exit; the log changes
// only when a command succeeds.

import { readFileSync } from 'node:fs';
import { boolFlag, flag, FlagError, parseArgs, type FlagSpec, type ParsedArgs } from './args.ts';
import { DEFAULT_LOG_FILE, lockLog, LogFileError } from './logfile.ts';
import { ManifestError } from './manifests.ts';
import { Session, UserError } from './session.ts';
import {
  applyCommand,
  deleteCommand,
  cordonCommand,
  drainCommand,
} from './commands/mutate.ts';
import { taintCommand } from './commands/nodeEdits.ts';
import { labelCommand } from './commands/label.ts';
import { annotateCommand } from './commands/annotate.ts';
import { describeCommand, eventsCommand, getCommand } from './commands/read.ts';
import { editCommand } from './commands/edit.ts';
import { diffCommand } from './commands/diff.ts';
import { watchCommand, watching } from './commands/watch.ts';
import { setCommand } from './commands/set.ts';
import { patchCommand } from './commands/patch.ts';
import { advanceCommand, failCommand, recoverCommand, rolloutCommand } from './commands/time.ts';
import { waitCommand } from './commands/wait.ts';
import { demoCommand } from './commands/demo.ts';
import { createFlagsFor, createGeneratorCommand, isGenerator } from './commands/createGenerators.ts';
import { runCommand } from './scenario/command.ts';
import { EXPLORE_COMMAND, SWEEP_COMMAND } from './scenario/commands.ts';

/** Where a command reads and writes: injectable so tests run commands in-process. */
export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readStdin: () => string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars only then). */
  readonly stderrIsTty?: boolean;
}

/** Everything a command needs. */
export interface Context {
  readonly io: Io;
  readonly args: ParsedArgs;
  readonly logPath: string;
  open(): Session;
}

type Command = {
  readonly summary: string;
  readonly usage: string;
  /** kubectl-style examples for `--help`: a `# what it does` line, then the command, each indented two spaces. */
  readonly examples?: string;
  readonly flags: readonly FlagSpec[];
  readonly run: (ctx: Context) => number | Promise<number>;
  /** The flags of the subcommand a command line names (cobra's own flag set per subcommand), when it names one. */
  readonly subcommandFlags?: (argv: readonly string[]) => { readonly flags: readonly FlagSpec[]; readonly command: string } | undefined;
  /**
   * kubectl diff's way with mistakes: a flag error is a usage error (`error: …`, `See '… -h' for
   * help and examples`), and every failure exits 2, as 1 means "differences found".
   */
  readonly usageExit?: number;
};

const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'log', type: 'string' },
  { name: 'seed', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];

const NS_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
];

const FILE_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'list' },
  { name: 'recursive', short: 'R', type: 'bool' },
];

/** The flags of kubectl's annotate and label, which take the same ones. */
const METADATA_EDIT_FLAGS: FlagSpec[] = [
  ...FILE_FLAGS,
  ...NS_FLAGS,
  { name: 'overwrite', type: 'bool' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'resource-version', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' },
];

/** kubectl's --validate: strict (or true, and alone), warn, ignore (or false). */
const VALIDATE_FLAG: FlagSpec = { name: 'validate', type: 'string', noOptDefVal: 'strict' };

/** kubectl's --dry-run: none, client or server (alone, client, with a deprecation warning). */
const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' };

const OUTPUT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'at', type: 'string' },
  { name: 'label-columns', short: 'L', type: 'list' },
];

/** Examples as kubectl's help prints them: each a comment line and its command, a blank line between. */
function ex(...examples: readonly (readonly [what: string, command: string])[]): string {
  return examples.map(([what, command]) => `  # ${what}\n  ${command}\n`).join('\n');
}

/** The commands, in the order `dsim help` lists them. */
export const COMMANDS: Record<string, Command> = {
  apply: {
    summary: 'Apply a configuration to the simulated cluster by file name or stdin',
    usage: 'dsim apply -f FILENAME [-f FILENAME...] [-R] [-n NAMESPACE] [-o json|yaml|name|jsonpath=TEMPLATE|go-template=TEMPLATE] [--validate=strict|warn|ignore] [--dry-run=none|client|server]',
    examples: ex(['Apply the nodes and DaemonSets in a file', 'dsim apply -f examples/lab/elasticsearch.yaml'], ['Apply every manifest in a directory', 'dsim apply -f examples/lab/']),
    flags: [...FILE_FLAGS, ...NS_FLAGS, { name: 'output', short: 'o', type: 'string' }, VALIDATE_FLAG, DRY_RUN_FLAG],
    run: (ctx) => applyCommand(ctx, 'apply'),
  },
  create: {
    summary: 'Create objects from a file or from stdin, or one by kind and name (fails when they exist)',
    usage:
      'dsim create -f FILENAME [-f FILENAME...] [-R] [-n NAMESPACE] [-o json|yaml|name|jsonpath=TEMPLATE|go-template=TEMPLATE] [--validate=strict|warn|ignore] [--dry-run=none|client|server] [--save-config]\n' +
      '  dsim create GENERATOR NAME [flags] [-n NAMESPACE] [--dry-run=none|client|server] [-o json|yaml|name|jsonpath=TEMPLATE|go-template=TEMPLATE]\n\n' +
      "kubectl's generators build the object client-side as kubectl v1.32 does; it is then stored as `create -f` stores it:\n" +
      '  deployment|deploy NAME --image=IMAGE [--image=IMAGE...] [--replicas=N] [--port=N] [-- COMMAND [ARGS...]]\n' +
      '  serviceaccount|sa NAME\n' +
      '  namespace|ns NAME\n' +
      '  configmap|cm NAME [--from-literal=KEY=VALUE] [--from-file=[KEY=]PATH] [--from-env-file=PATH] [--append-hash]\n' +
      '  secret generic NAME [--from-literal=KEY=VALUE] [--from-file=[KEY=]PATH] [--from-env-file=PATH] [--type=TYPE] [--append-hash]\n' +
      '  secret docker-registry NAME (--docker-username=U --docker-password=P [--docker-server=S] [--docker-email=E] | --from-file=[KEY=]PATH) [--append-hash]\n' +
      '  secret tls NAME --cert=PATH --key=PATH [--append-hash]\n' +
      '  priorityclass|pc NAME [--value=N] [--global-default] [--description=TEXT] [--preemption-policy=POLICY]\n' +
      '  service|svc clusterip NAME (--tcp=PORT[:TARGET]... | --clusterip=None) [--clusterip=IP]\n' +
      '  service|svc nodeport|loadbalancer NAME --tcp=PORT[:TARGET]... [--node-port=N (nodeport)]\n' +
      '  service|svc externalname NAME --external-name=DNS_NAME [--tcp=PORT[:TARGET]...]\n' +
      '  job NAME (--image=IMAGE [-- COMMAND [ARGS...]] | --from=cronjob/NAME)\n' +
      '  cronjob NAME --image=IMAGE --schedule=SCHEDULE [--restart=OnFailure|Never] [-- COMMAND [ARGS...]]\n' +
      '  poddisruptionbudget|pdb NAME --selector=SELECTOR (--min-available=N[%] | --max-unavailable=N[%])\n' +
      '  quota|resourcequota NAME [--hard=RESOURCE=QUANTITY,...] [--scopes=SCOPE,...]\n' +
      '  ingress|ing NAME (--rule=HOST/PATH=SERVICE:PORT[,tls[=SECRET]]... | --default-backend=SERVICE:PORT) [--class=CLASS] [--annotation=KEY=VALUE]\n' +
      '  clusterrole NAME (--verb=VERB... (--resource=RESOURCE[.GROUP][/SUBRESOURCE]... [--resource-name=NAME] | --non-resource-url=URL...) | --aggregation-rule=KEY=VALUE)\n' +
      '  role NAME --verb=VERB... --resource=RESOURCE[.GROUP][/SUBRESOURCE]... [--resource-name=NAME]\n' +
      '  clusterrolebinding NAME --clusterrole=ROLE [--user=U] [--group=G] [--serviceaccount=NAMESPACE:NAME]\n' +
      '  rolebinding NAME (--clusterrole=ROLE | --role=ROLE) [--user=U] [--group=G] [--serviceaccount=NAMESPACE:NAME]\n\n' +
      '--dry-run=client prints the object kubectl would send and stores nothing (`-o yaml` gives a manifest to edit);\n' +
      '--dry-run=server checks and prints it as it would be stored, and stores nothing. No Deployment controller runs:\n' +
      'a Deployment is stored and listed only.',
    examples: ex(
      ['Write the lab\'s DaemonSet manifest from a Deployment\'s (then change its kind to DaemonSet and drop replicas, strategy and status)', 'dsim create deployment elasticsearch --image=registry.k8s.io/fluentd-elasticsearch:1.20 -n kube-system --dry-run=client -o yaml'],
      ["Create the ServiceAccount a DaemonSet's pods name (without it the controller's pod creations fail)", 'dsim create serviceaccount fluentd -n kube-system'],
      ['Create a ConfigMap from literal values', 'dsim create configmap fluentd-config -n kube-system --from-literal=log_level=info --from-literal=flush_interval=5s'],
      ['Create a PriorityClass for node agents', "dsim create priorityclass node-agent --value=1000000 --description='for node agents'"],
      ["Create the ClusterRole a DaemonSet like flannel needs", 'dsim create clusterrole flannel --verb=get,list,watch,patch --resource=pods,nodes,nodes/status'],
      ["Bind it to the DaemonSet's ServiceAccount", 'dsim create clusterrolebinding flannel --clusterrole=flannel --serviceaccount=kube-system:flannel'],
      ['Create a NodePort Service in front of the lab\'s elasticsearch pods (its selector is app=NAME)', 'dsim create service nodeport elasticsearch -n kube-system --tcp=9200 --node-port=30920'],
      ["Keep at least one of the lab's elasticsearch pods through voluntary disruptions (stored, not enforced)", 'dsim create pdb elasticsearch -n kube-system --selector=app=elasticsearch --min-available=1'],
      ['Create a namespace', 'dsim create namespace logging'],
    ),
    flags: [...FILE_FLAGS, ...NS_FLAGS, { name: 'output', short: 'o', type: 'string' }, VALIDATE_FLAG, { name: 'save-config', type: 'bool' }, DRY_RUN_FLAG],
    subcommandFlags: (argv) => createFlagsFor(argv, [...GLOBAL_FLAGS, ...FILE_FLAGS, ...NS_FLAGS, { name: 'output', short: 'o', type: 'string' }, VALIDATE_FLAG]),
    run: (ctx) => (isGenerator(ctx.args.positional[0]) ? createGeneratorCommand(ctx) : applyCommand(ctx, 'create')),
  },
  get: {
    summary: 'Display one or many resources',
    usage:
      'dsim get (TYPE[.GROUP] [NAME...] | TYPE/NAME...) [-o wide|json|yaml|name|jsonpath=TEMPLATE|jsonpath-as-json=TEMPLATE|jsonpath-file=FILE|go-template=TEMPLATE|go-template-file=FILE|custom-columns=SPEC|custom-columns-file=FILE] [--template TEMPLATE] [--sort-by PATH] [-l selector] [--field-selector selector] [--show-labels] [--show-kind] [-L KEY] [--no-headers] [--ignore-not-found] [-n NAMESPACE | -A] [--at TIME | -w [--watch-only] [--output-watch-events]]\n\n' +
      '-w lists, then follows the simulation in simulated time, printing each change to a listed object as kubectl prints\n' +
      'a watch event, until nothing more is due in the simulation (a simulated day at most); time stays where it got to.',
    examples: ex(
      ['List the DaemonSets of every namespace', 'dsim get daemonsets --all-namespaces'],
      ['List the pods of kube-system with the node each runs on', 'dsim get pods -n kube-system -o wide'],
      ["List a DaemonSet's pods by its selector's label, with all their labels", 'dsim get pods -n kube-system -l app=elasticsearch --show-labels'],
      ['Print the image of a DaemonSet\'s first container', "dsim get ds elasticsearch -n kube-system -o jsonpath='{.spec.template.spec.containers[0].image}'"],
      ["Print a DaemonSet's update strategy with a Go template (the rolling update tutorial's line)", 'dsim get ds/elasticsearch -o go-template=\'{{.spec.updateStrategy.type}}{{"\\n"}}\' -n kube-system'],
      ['Show the cluster as it was 30 seconds into the simulation', 'dsim get pods -A --at 30s'],
      ["Watch a DaemonSet's pods change as the simulation runs", 'dsim get pods -n kube-system -l app=elasticsearch -w'],
    ),
    flags: [
      ...NS_FLAGS,
      ...OUTPUT_FLAGS,
      ...FILE_FLAGS,
      { name: 'field-selector', type: 'string' },
      { name: 'sort-by', type: 'string' },
      { name: 'show-kind', type: 'bool' },
      { name: 'ignore-not-found', type: 'bool' },
      { name: 'template', type: 'string' },
      { name: 'watch', short: 'w', type: 'bool' },
      { name: 'watch-only', type: 'bool' },
      { name: 'output-watch-events', type: 'bool' },
    ],
    run: (ctx) => (watching(ctx) ? watchCommand(ctx) : getCommand(ctx)),
  },
  describe: {
    summary: 'Show details of a specific resource or group of resources',
    usage: 'dsim describe (-f FILENAME | TYPE [NAME_PREFIX...] | TYPE/NAME) [-l selector] [-n NAMESPACE | -A] [--show-events=false] [--at TIME]',
    examples: ex(['Describe a DaemonSet, with its events', 'dsim describe daemonset elasticsearch -n kube-system'], ['Describe a node: its taints, conditions and pods', 'dsim describe node controlplane']),
    flags: [
      ...FILE_FLAGS,
      ...NS_FLAGS,
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'at', type: 'string' },
      { name: 'show-events', type: 'bool' },
    ],
    run: describeCommand,
  },
  delete: {
    summary: 'Delete resources by file names, stdin, or resource and names',
    usage:
      'dsim delete (-f FILENAME | TYPE NAME... | TYPE/NAME... | TYPE (-l selector | --field-selector selector | --all)) [-n NAMESPACE | -A] [--cascade background|orphan|foreground] [--grace-period N] [--now] [--force] [-o name]',
    examples: ex(
      ['Delete a DaemonSet but leave its pods running, without an owner', 'dsim delete ds elasticsearch -n kube-system --cascade=orphan'],
      ['Delete a DaemonSet; the garbage collector deletes its pods', 'dsim delete daemonset kube-proxy -n kube-system'],
    ),
    flags: [
      ...FILE_FLAGS,
      ...NS_FLAGS,
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'field-selector', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'grace-period', type: 'string' },
      { name: 'now', type: 'bool' },
      { name: 'force', type: 'bool' },
      { name: 'ignore-not-found', type: 'bool' },
      { name: 'wait', type: 'bool' },
      { name: 'cascade', type: 'string' },
    ],
    run: deleteCommand,
  },
  label: {
    summary: 'Update the labels on a resource',
    usage:
      'dsim label [--overwrite] (-f FILENAME | TYPE NAME... | TYPE/NAME... | TYPE (-l selector | --field-selector selector | --all)) KEY_1=VAL_1 ... KEY_N=VAL_N KEY-... [--list] [-n NAMESPACE | -A] [-o json|yaml|name|jsonpath=TEMPLATE|go-template=TEMPLATE] [--dry-run=none|client|server] [--local]\n\n' +
      'A label already set to another value is refused without --overwrite. Each object is changed on its own: the failures are\n' +
      "reported together at the end. A node's labels choose where DaemonSets run; a pod relabelled out of its\n" +
      "DaemonSet's selector is released (it runs on, ownerless) and the controller makes the node a new one. A\n" +
      "DaemonSet's own labels select nothing: labelling one starts no rollout. A ControllerRevision's labels\n" +
      'cannot be changed in dsim.',
    examples: ex(
      ['Label a node, so that a DaemonSet with nodeSelector disktype: ssd runs there', 'dsim label nodes controlplane disktype=ssd'],
      ['Remove the label', 'dsim label nodes controlplane disktype-'],
      ['Label a DaemonSet (no rollout: its template is unchanged)', 'dsim label ds elasticsearch -n kube-system team=search'],
      ['Show what labelling every pod of the namespace would do, changing nothing', 'dsim label pods -n kube-system --all tier=node --dry-run=server'],
      ['List the labels of a node', 'dsim label nodes controlplane --list'],
    ),
    flags: METADATA_EDIT_FLAGS,
    run: labelCommand,
  },
  annotate: {
    summary: 'Update the annotations on a resource',
    usage:
      'dsim annotate [--overwrite] (-f FILENAME | TYPE NAME... | TYPE/NAME... | TYPE (-l selector | --field-selector selector | --all)) KEY_1=VAL_1 ... KEY_N=VAL_N KEY-... [--list] [-n NAMESPACE | -A] [-o json|yaml|name|jsonpath=TEMPLATE|go-template=TEMPLATE] [--dry-run=none|client|server] [--local]\n\n' +
      'An annotation already set to another value is refused without --overwrite (kubernetes.io/change-cause is\n' +
      'always overwritten). Each object is changed on its own: the failures are reported together at the end.\n' +
      "A DaemonSet's change-cause reaches its rollout history only through a revision made after it is set: the\n" +
      'controller copies the annotations into a ControllerRevision when it makes one, and never later. Annotate the\n' +
      'DaemonSet before changing its template, or annotate the revision itself.',
    examples: ex(
      ["Record why a DaemonSet is about to change: the revision its next template change makes shows it in rollout history", "dsim annotate ds elasticsearch -n kube-system 'kubernetes.io/change-cause=image updated to 1.21'"],
      ['List the annotations of a DaemonSet', 'dsim annotate ds/elasticsearch -n kube-system --list'],
      [
        "Give the revisions a DaemonSet has already made a change-cause (rollout history reads the revisions'), selected by its pods' labels",
        "dsim annotate controllerrevisions -n kube-system -l app=elasticsearch 'kubernetes.io/change-cause=first version'",
      ],
      ['Annotate every node, overwriting any value already there', 'dsim annotate nodes --all --overwrite description=lab'],
      ['Remove an annotation', 'dsim annotate nodes controlplane description-'],
    ),
    flags: METADATA_EDIT_FLAGS,
    run: annotateCommand,
  },
  taint: {
    summary: 'Update the taints on nodes',
    usage: 'dsim taint nodes (NAME... | -l selector | --all) KEY[=VALUE]:EFFECT... KEY[:EFFECT]-... [--overwrite]',
    examples: ex(
      ["Keep new pods that do not tolerate it off controlplane (running ones stay)", 'dsim taint nodes controlplane dedicated=special-user:NoSchedule'],
      ['Evict the pods that do not tolerate it', 'dsim taint nodes controlplane dedicated=special-user:NoExecute'],
      ['Remove the taints with that key', 'dsim taint nodes controlplane dedicated-'],
    ),
    flags: [{ name: 'overwrite', type: 'bool' }, { name: 'selector', short: 'l', type: 'string' }, { name: 'all', type: 'bool' }],
    run: taintCommand,
  },
  cordon: {
    summary: 'Mark a node as unschedulable',
    usage: 'dsim cordon NODE',
    flags: [],
    run: (ctx) => cordonCommand(ctx, true),
  },
  uncordon: {
    summary: 'Mark a node as schedulable',
    usage: 'dsim uncordon NODE',
    flags: [],
    run: (ctx) => cordonCommand(ctx, false),
  },
  drain: {
    summary: 'Cordon a node and evict its pods (simulated time advances until they are gone)',
    usage: 'dsim drain NODE --ignore-daemonsets [--force] [--delete-emptydir-data] [--grace-period N] [--timeout DURATION]',
    flags: [
      { name: 'ignore-daemonsets', type: 'bool' },
      { name: 'force', type: 'bool' },
      { name: 'delete-emptydir-data', type: 'bool' },
      { name: 'grace-period', type: 'string' },
      { name: 'timeout', type: 'string' },
    ],
    run: drainCommand,
  },
  set: {
    summary: "Set a DaemonSet's container images (a template change: a rolling update starts)",
    usage: 'dsim set image (-f FILENAME | TYPE NAME | TYPE/NAME... | TYPE (-l selector | --all)) CONTAINER=IMAGE... (* for every container) [-n NAMESPACE] [-o name|yaml|json|jsonpath=TEMPLATE|go-template=TEMPLATE]',
    examples: ex(['Start a rolling update with a new image', 'dsim set image ds/elasticsearch elasticsearch=k8s.gcr.io/fluentd-elasticsearch:1.21 -n kube-system']),
    flags: [
      ...FILE_FLAGS,
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
    ],
    run: setCommand,
  },
  patch: {
    summary: 'Update fields of an object with a strategic merge patch, a JSON merge patch or a JSON patch',
    usage:
      'dsim patch (-f FILENAME | TYPE NAME | TYPE/NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json] [-n NAMESPACE] [-o name|yaml|json|jsonpath=TEMPLATE|go-template=TEMPLATE] [--dry-run=none|client|server] [--local]\n\n' +
      'The patch is JSON or YAML. The API server applies it to the object as stored and saves the result as any update:\n' +
      'a DaemonSet whose template changes rolls out, a patched node re-places pods, an invalid result is refused.\n' +
      'Strategic merge patches (the default) merge lists such as containers, env and volumes by their merge key\n' +
      '(name, mountPath, containerPort, ...) and replace others (tolerations, taints, args); custom resources take\n' +
      'merge and json patches only.',
    examples: ex(
      ["Stop a DaemonSet's pods on every node: a node selector no node matches (patch it back to resume)", `dsim patch ds elasticsearch -n kube-system -p '{"spec":{"template":{"spec":{"nodeSelector":{"non-existing":"true"}}}}}'`],
      ['Roll out a new image with a JSON patch', `dsim patch ds/elasticsearch -n kube-system --type json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"k8s.gcr.io/fluentd-elasticsearch:1.21"}]'`],
      ['Label a node with a JSON merge patch', `dsim patch node controlplane --type merge -p '{"metadata":{"labels":{"disktype":"ssd"}}}'`],
      ['See what a patch would store, without saving it', `dsim patch ds elasticsearch -n kube-system -p '{"spec":{"minReadySeconds":10}}' --dry-run=server -o yaml`],
    ),
    flags: [
      ...FILE_FLAGS,
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'patch', short: 'p', type: 'string' },
      { name: 'patch-file', type: 'string' },
      { name: 'type', type: 'string' },
      { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged' },
      { name: 'local', type: 'bool' },
      { name: 'field-manager', type: 'string' },
    ],
    run: patchCommand,
  },
  edit: {
    summary: 'Edit objects in your editor (KUBE_EDITOR, EDITOR, or vi) and store what you save',
    usage:
      'dsim edit (-f FILENAME | TYPE NAME... | TYPE/NAME... | TYPE) [-n NAMESPACE] [-o yaml|json] [--validate=strict|warn|ignore] [--windows-line-endings]\n\n' +
      "The objects are written to a temporary file with kubectl's header; what you save is stored as `apply` stores it,\n" +
      'one object at a time (a DaemonSet whose template changes rolls out). A file the API server refuses as invalid is\n' +
      'reopened with the reasons at the top; save it unchanged to give up. The log is not locked while the editor runs:\n' +
      'an object another command changed meanwhile is refused as a conflict, and your file is kept.',
    examples: ex(
      ["Edit a DaemonSet's template in vi, or in the editor KUBE_EDITOR names", 'dsim edit ds/elasticsearch -n kube-system'],
      ['Edit with a script as the editor: roll out a new image', `KUBE_EDITOR='sed -i s/fluentd-elasticsearch:1.20/fluentd-elasticsearch:1.21/' dsim edit ds/elasticsearch -n kube-system`],
      ['Edit every DaemonSet of a namespace in JSON', 'KUBE_EDITOR=true dsim edit ds -n kube-system -o json'],
    ),
    flags: [...FILE_FLAGS, { name: 'namespace', short: 'n', type: 'string' }, { name: 'output', short: 'o', type: 'string' }, VALIDATE_FLAG, { name: 'windows-line-endings', type: 'bool' }],
    run: editCommand,
  },
  replace: {
    summary: 'Replace a resource by file name or stdin',
    usage:
      'dsim replace -f FILENAME [-f FILENAME...] [-R] [-n NAMESPACE] [-o json|yaml|name|jsonpath=TEMPLATE|go-template=TEMPLATE] [--validate=strict|warn|ignore] [--dry-run=none|client|server] [--save-config]\n\n' +
      'Each object must exist; it becomes the manifest as given (kubectl PUTs it): fields the manifest leaves out are\n' +
      "gone, where `apply` would keep those it never set. The server keeps the object's uid, creation time and status,\n" +
      'and drops the last-applied-configuration annotation unless the manifest has one or --save-config is given.\n' +
      '--force deletes each object (--cascade, --grace-period), runs simulated time until it is gone (--timeout, 5m when 0),\n' +
      'then creates it anew.',
    examples: ex(
      ['Replace a DaemonSet with the manifest in a file', 'dsim replace -f examples/lab/elasticsearch.yaml'],
      ['Replace it, keeping the annotation a later apply merges against', 'dsim replace -f examples/lab/elasticsearch.yaml --save-config'],
      ['Delete it and create it anew, its pods gone first', 'dsim replace --force --cascade=foreground -f examples/lab/elasticsearch.yaml'],
    ),
    flags: [
      ...FILE_FLAGS,
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'output', short: 'o', type: 'string' },
      VALIDATE_FLAG,
      DRY_RUN_FLAG,
      { name: 'save-config', type: 'bool' },
      { name: 'force', type: 'bool' },
      { name: 'grace-period', type: 'string' },
      { name: 'cascade', type: 'string', noOptDefVal: 'background' },
      { name: 'wait', type: 'bool' },
      { name: 'timeout', type: 'string' },
      { name: 'subresource', type: 'string' },
      { name: 'field-manager', type: 'string' },
      { name: 'show-managed-fields', type: 'bool' },
    ],
    run: (ctx) => applyCommand(ctx, 'replace'),
  },
  diff: {
    summary: 'Diff the live version against a would-be applied version',
    usage:
      'dsim diff -f FILENAME [-f FILENAME...] [-R] [-l SELECTOR]\n\n' +
      'Each object as it is now and as `dsim apply` would make it (defaulted, validated, its generation moved on) is written\n' +
      'as YAML into two temporary directories, LIVE-* and MERGED-*, and compared with `diff -u -N`, or with the program\n' +
      'KUBECTL_EXTERNAL_DIFF names (e.g. KUBECTL_EXTERNAL_DIFF="colordiff -N -u"). Secrets\' values are masked. Nothing is\n' +
      'saved. Exit status: 0 when nothing would change, 1 when something would, 2 when dsim or diff failed.',
    examples: ex(
      ['See what applying a changed DaemonSet would change', 'dsim diff -f examples/lab/elasticsearch.yaml'],
      ['Diff a manifest read from stdin', 'cat examples/lab/kube-proxy.yaml | dsim diff -f -'],
    ),
    flags: [
      ...FILE_FLAGS,
      { name: 'namespace', short: 'n', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'server-side', type: 'bool' },
      { name: 'force-conflicts', type: 'bool' },
      { name: 'field-manager', type: 'string' },
      { name: 'prune', type: 'bool' },
      { name: 'prune-allowlist', type: 'list' },
      { name: 'show-managed-fields', type: 'bool' },
      { name: 'concurrency', type: 'string' },
    ],
    run: diffCommand,
    usageExit: 2,
  },
  rollout: {
    summary: 'Manage the rollout of a DaemonSet: status, history, undo, restart',
    usage:
      'dsim rollout (status|history|undo|restart|pause|resume) (daemonset/NAME... | daemonset [NAME...] | daemonset -l SELECTOR) [-n NAMESPACE] [--watch=false] [--timeout DURATION] [--revision N] [--to-revision N]\n\n' +
      'rollout status follows the rollout in simulated time. With --timeout D a rollout not done after D has had D of\n' +
      'simulated time (the clock moves that far, as kubectl would have waited) and ends as kubectl does: "timed out\n' +
      'waiting for the condition". Without --timeout (kubectl waits for ever) it follows at most a simulated day, and\n' +
      'stops at once, saying so, when nothing more is due in the simulation (nothing could change the rollout).',
    examples: ex(
      ['Follow a rolling update to its end, in simulated time', 'dsim rollout status ds/elasticsearch -n kube-system'],
      ["List a DaemonSet's revisions, then show one", 'dsim rollout history ds/elasticsearch -n kube-system\n  dsim rollout history ds/elasticsearch -n kube-system --revision=1'],
      ['Roll back to the revision before', 'dsim rollout undo ds/elasticsearch -n kube-system'],
    ),
    flags: [
      // kubectl's rollout has no --all-namespaces.
      NS_FLAGS[0]!,
      { name: 'watch', short: 'w', type: 'bool' },
      { name: 'timeout', type: 'string' },
      { name: 'revision', type: 'string' },
      { name: 'to-revision', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
    ],
    run: rolloutCommand,
  },
  wait: {
    summary: 'Wait, in simulated time, for a condition on one or many objects (kubectl wait)',
    usage:
      "dsim wait ([-f FILENAME] | TYPE/NAME... | TYPE NAME... | TYPE [(-l SELECTOR | --field-selector SELECTOR | --all)]) [--for=create|--for=delete|--for=condition=NAME[=VALUE]|--for=jsonpath='{PATH}'[=VALUE]] [--timeout=DURATION] [-n NAMESPACE | -A] [-o name|yaml|json|jsonpath=TEMPLATE|go-template=TEMPLATE]\n\n" +
      'Each object in turn is waited for, as kubectl waits: the simulation runs on (everything due is processed, as with\n' +
      '"dsim advance") until the object meets the condition ("pod/NAME condition met") or --timeout (30s when not\n' +
      'given; 0 looks once, a negative one waits a week) of simulated time has passed since the start ("error: timed out\n' +
      'waiting for the condition on pods/NAME", exit 1). Time moves only as far as needed, not at all when every object\n' +
      'meets the condition already, and stays there, recorded as "dsim advance" records it. DaemonSets have no status\n' +
      "conditions: wait for one with --for=jsonpath, e.g. --for=jsonpath='{.status.numberReady}'=3. Right after an apply a\n" +
      'DaemonSet has made no pods yet, so "wait pod -l ..." finds none ("error: no matching resources found", as kubectl\n' +
      'says in a cluster): wait for the DaemonSet, or "dsim advance 1s" first.',
    examples: ex(
      ["Wait until the pods of a DaemonSet are Ready, at most 2 minutes of simulated time", 'dsim wait --for=condition=Ready pod -l app=elasticsearch -n kube-system --timeout=2m'],
      ['Wait for a node to be Ready', 'dsim wait --for=condition=Ready node/controlplane'],
      ["Wait until a DaemonSet's pod is ready on every node it should run on", "dsim wait --for=jsonpath='{.status.numberReady}'=1 ds/elasticsearch -n kube-system"],
      ["Delete a DaemonSet, then wait until the garbage collector has deleted its pods", 'dsim delete ds elasticsearch -n kube-system\n  dsim wait --for=delete pod -l app=elasticsearch -n kube-system --timeout=1m'],
    ),
    flags: [
      ...FILE_FLAGS,
      ...NS_FLAGS,
      { name: 'for', type: 'string' },
      { name: 'timeout', type: 'string' },
      { name: 'selector', short: 'l', type: 'string' },
      { name: 'field-selector', type: 'string' },
      { name: 'all', type: 'bool' },
      { name: 'output', short: 'o', type: 'string' },
    ],
    run: waitCommand,
  },
  advance: {
    summary: 'Move simulated time forward, processing everything due (e.g. 22s, 4m16s, 2h)',
    usage: 'dsim advance DURATION',
    examples: ex(['Let 22 seconds of simulated time pass: pods are scheduled, pulled and started meanwhile', 'dsim advance 22s']),
    flags: [],
    run: advanceCommand,
  },
  fail: {
    summary: "Make a node's kubelet fail: NotReady, or unreachable with --unreachable",
    usage: 'dsim fail node NAME [--unreachable]',
    flags: [{ name: 'unreachable', type: 'bool' }],
    run: failCommand,
  },
  recover: {
    summary: "Bring a failed node's kubelet back",
    usage: 'dsim recover node NAME',
    flags: [],
    run: recoverCommand,
  },
  events: {
    summary: 'List the event log readably (or as JSON lines with -o json)',
    usage: 'dsim events [--type TYPE] [-o json]',
    flags: [
      { name: 'type', type: 'list' },
      { name: 'output', short: 'o', type: 'string' },
      { name: 'since', type: 'string' },
    ],
    run: eventsCommand,
  },
  demo: {
    summary: 'Run the classic DaemonSets lab on a fresh log and print each step',
    usage: 'dsim demo [--log FILE]',
    flags: [],
    run: demoCommand,
  },
  run: runCommand,
  sweep: SWEEP_COMMAND,
  explore: EXPLORE_COMMAND,
};

/** Registers more commands (the scenario commands live in their own module). */
export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}   ${c.summary}`);
  return [
    'dsim simulates a Kubernetes cluster\'s DaemonSets: kubectl\'s verbs over a saved event log,',
    'with simulated time that moves only when you say so.',
    '',
    'Commands:',
    ...lines,
    '',
    'Global flags:',
    `  --log FILE     the event log (default: $DSIM_LOG, else ./${DEFAULT_LOG_FILE})`,
    '  --seed N       the random seed of a new log (default 1)',
    '',
    "Use 'dsim <command> --help' for more about a command.",
    '',
  ].join('\n');
}

/**
 * Cobra's "Did you mean this?" for an unknown command: the commands (not help) within two edits of it
 * (case aside) or that it begins, in the order they were added; '' when none is.
 */
export function suggestions(typed: string): string {
  const t = typed.toLowerCase();
  const near = [...Object.keys(COMMANDS), 'version'].filter((c) => levenshtein(t, c.toLowerCase()) <= 2 || c.toLowerCase().startsWith(t));
  return near.length === 0 ? '' : `\n\nDid you mean this?\n${near.map((c) => `\t${c}\n`).join('')}`;
}

function levenshtein(s: string, t: string): number {
  let row = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const next = [i];
    for (let j = 1; j <= t.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1));
    row = next;
  }
  return row[t.length]!;
}

/** Whether a command only reads the log (the others lock it while they run). */
function readsOnly(name: string, args: ParsedArgs): boolean {
  // get --watch follows the simulation, which moves time: it writes.
  if (name === 'get') return !boolFlag(args, 'watch') && !boolFlag(args, 'watch-only');
  if (name === 'describe' || name === 'events' || name === 'diff') return true;
  // rollout history, and rollout status that does not follow the rollout (--watch=false).
  const sub = args.positional[0];
  return name === 'rollout' && (sub === 'history' || (sub === 'status' && !boolFlag(args, 'watch', true)));
}

/**
 * The command name and the rest of the arguments: global flags (--log, --seed) may come before
 * the command, as kubectl's persistent flags may (`dsim --log run.ndjson get pods`).
 */
function splitCommand(argv: readonly string[]): { name: string | undefined; rest: string[] } {
  const before: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const a = argv[i]!;
    const flagName = a.startsWith('--') ? a.slice(2).split('=')[0]! : undefined;
    if (flagName === undefined || !GLOBAL_FLAGS.some((f) => f.name === flagName && f.type === 'string')) break;
    before.push(a);
    if (!a.includes('=') && i + 1 < argv.length) before.push(argv[++i]!);
    i++;
  }
  return { name: argv[i], rest: [...before, ...argv.slice(i + 1)] };
}

/** Runs one dsim command line; returns the exit code. Never throws for user mistakes. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const { name, rest } = splitCommand(argv);
  const dangling = rest.at(-1);
  if (name === undefined && dangling !== undefined && GLOBAL_FLAGS.some((f) => f.type === 'string' && `--${f.name}` === dangling)) {
    io.stderr(new FlagError(`flag needs an argument: ${dangling}`, '').printed);
    return 1;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    // kubectl alone prints its help and succeeds.
    io.stdout(help());
    return 0;
  }
  if (name === 'version' || name === '--version') {
    io.stdout('dsim 0.1.0\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    // A flag dsim itself does not take, where the command should be (`dsim --colour`).
    if (name.startsWith('-')) {
      try {
        parseArgs([name, ...rest], GLOBAL_FLAGS, '');
      } catch (e) {
        if (!(e instanceof FlagError)) throw e;
        io.stderr(e.printed);
        return 1;
      }
    }
    io.stderr(`Error: unknown command ${JSON.stringify(name)} for "dsim"${suggestions(name)}\n`);
    return 1;
  }
  try {
    const sub = command.subcommandFlags?.(rest);
    const args = parseArgs(rest, [...GLOBAL_FLAGS, ...(sub?.flags ?? command.flags)], sub?.command ?? name);
    if (boolFlag(args, 'help')) {
      io.stdout(`${command.summary}.\n\nUsage:\n  ${command.usage}\n${command.examples === undefined ? '' : `\nExamples:\n${command.examples}`}`);
      return 0;
    }
    // An empty DSIM_LOG counts as unset, as shells make it easy to leave one so.
    const logPath = flag(args, 'log') ?? (io.env.DSIM_LOG || undefined) ?? DEFAULT_LOG_FILE;
    if (logPath === '') throw new UserError("error: --log needs a file name (the event log's)");
    const seedText = flag(args, 'seed');
    const seed = seedText === undefined ? undefined : /^-?\d+$/.test(seedText) ? Number(seedText) : seedText;
    let opened: Session | undefined;
    let release: (() => void) | undefined;
    const ctx: Context = {
      io,
      args,
      logPath,
      open: () => {
        if (opened === undefined) {
          // A command that may change the cluster holds the log from before it reads it until it
          // has written, so that commands run at once take turns.
          if (!readsOnly(name, args)) release = lockLog(logPath);
          opened = Session.open(logPath, seed === undefined ? {} : { seed });
          if (opened.log.warning !== undefined) io.stderr(`${opened.log.warning}\n`);
        }
        return opened;
      },
    };
    try {
      return await command.run(ctx);
    } finally {
      release?.();
    }
  } catch (e) {
    const failed = command.usageExit ?? 1;
    if (e instanceof FlagError) {
      io.stderr(command.usageExit === undefined ? e.printed : `error: ${e.reason}\nSee 'dsim ${name} -h' for help and examples\n`);
      return failed;
    }
    if (e instanceof UserError) {
      io.stderr(`${e.message}\n`);
      return e.exitCode === 1 ? failed : e.exitCode;
    }
    if (e instanceof ManifestError) {
      io.stderr(`error: ${e.message}\n`);
      return failed;
    }
    if (e instanceof LogFileError) {
      io.stderr(`${e.message}\n`);
      return failed;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EACCES' || err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EROFS' || err.code === 'ENOSPC') {
      io.stderr(`error: ${err.message}\n`);
      return failed;
    }
    // A bug, not a user mistake: say so plainly, still without a stack trace unless asked.
    io.stderr(`error: internal error in dsim: ${err.message ?? String(e)}${io.env.DSIM_DEBUG ? `\n${err.stack}` : ' (set DSIM_DEBUG=1 for details)'}\n`);
    return 2;
  }
}

/** The process entry point (used by bin/dsim.mjs). */
export async function runProcess(): Promise<void> {
  // A reader that stops early (`dsim get pods | head`) closes the pipe: the rest of the output
  // is dropped, quietly, and the command still finishes (a write command has saved its log by
  // then or saves it next), rather than dying on an unhandled EPIPE with a stack trace.
  const closed = new Set<NodeJS.WriteStream>();
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed.add(stream);
    });
  }
  const write = (stream: NodeJS.WriteStream) => (s: string) => {
    if (!closed.has(stream)) stream.write(s);
  };
  const code = await main(process.argv.slice(2), {
    stdout: write(process.stdout),
    stderr: write(process.stderr),
    readStdin: () => readFileSync(0, 'utf8'),
    env: process.env,
    cwd: process.cwd(),
    stderrIsTty: process.stderr.isTTY === true,
  });
  process.exitCode = code;
}
