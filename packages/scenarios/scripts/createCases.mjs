// Records, or checks, src/__fixtures__/createCases.json: the table createGenerators.test.ts runs
// `dsim create <generator> …` against. Each case is what `kubectl create …` printed with no cluster
// (every case runs client-side: --dry-run=client, or a refusal kubectl makes before it sends
// anything), in src/__fixtures__/create, with no kubeconfig and FROM_ENV=from-the-environment
// set for the env files; create role and clusterrole, which map resources through discovery,
// against a local server that serves only discovery documents. Needs a kubectl on PATH (v1.32 recorded the checked-in file); the
// tests themselves do not.
//   node packages/scenarios/scripts/createCases.mjs           # record again
//   node packages/scenarios/scripts/createCases.mjs --check   # say where kubectl now differs
//
// klog's lines (warnings, "command failed") are kept without their time, pid and source place,
// which dsim does not print; "kubectl" in a message is "dsim".
import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '../src/__fixtures__');
const OUT = join(FIXTURES, 'createCases.json');

const C = '--dry-run=client';
/** [what it shows, the arguments after `create`]. */
const CASES = [
  // deployment (kubectl's create_deployment_test.go covers the generated object; these its flags)
  ['the lab step', ['deployment', 'elasticsearch', '--image=registry.k8s.io/fluentd-elasticsearch:1.20', '-n', 'kube-system', C, '-o', 'yaml']],
  ['no -o: the line', ['deployment', 'web', '--image=nginx', C]],
  ['alias deploy, -o name', ['deploy', 'web', '--image=nginx', C, '-o', 'name']],
  ['JSON in the Go struct order', ['deployment', 'web', '--image=nginx:1.27', '--port=80', '--replicas=3', C, '-o', 'json']],
  ['a command after --', ['deployment', 'sleeper', '--image=busybox', C, '-o', 'yaml', '--', 'sh', '-c', 'sleep 3600']],
  ['several images, comma-separated and repeated', ['deployment', 'multi', '--image=a/b:1,c@sha256:ab', '--image=registry:5000/d', C, '-o', 'yaml']],
  ['--image= gives no containers', ['deployment', 'empty', '--image=', C, '-o', 'yaml']],
  ['-r and a port of 0', ['deployment', 'web', '--image=nginx', '-r', '0', '--port', '0', C, '-o', 'yaml']],
  ['ports and replicas kubectl does not check', ['deployment', 'web', '--image=nginx', '--port=70000', '--replicas=-1', C, '-o', 'yaml']],
  ['a negative port means none', ['deployment', 'web', '--image=nginx', '--port=-5', C, '-o', 'yaml']],
  ['base-prefixed integers', ['deployment', 'web', '--image=nginx', '--port=0x50', '--replicas=010', C, '-o', 'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].ports[0].containerPort}']],
  ['a name kubectl does not check', ['deployment', 'Bad_Name', '--image=nginx', C]],
  ['an empty name', ['deployment', '', '--image=nginx', C]],
  ['go-template', ['deployment', 'web', '--image=nginx', C, '-o', 'go-template={{.metadata.name}} {{.spec.replicas}}']],
  ['--dry-run alone is client, with a warning', ['deployment', 'web', '--image=nginx', '--dry-run']],
  ['--dry-run=true', ['deployment', 'web', '--image=nginx', '--dry-run=true']],
  ['no --image', ['deployment', 'web', C]],
  ['no name', ['deployment', '--image=nginx', C]],
  ['two names', ['deployment', 'a', 'b', '--image=nginx', C]],
  ['several images and a command', ['deployment', 'web', '--image=a', '--image=b', C, '--', 'sleep', '1']],
  ['--port not a number', ['deployment', 'web', '--image=nginx', '--port=http', C]],
  ['--port out of int32', ['deployment', 'web', '--image=nginx', '--port=3000000000', C]],
  ['-r not a number', ['deployment', 'web', '--image=nginx', '-r', 'two', C]],
  ['an unknown flag', ['deployment', 'web', '--image=nginx', '--bogus', C]],
  ['-f belongs to create alone', ['deployment', 'web', '--image=nginx', '-f', 'x.yaml', C]],
  ['a bad --dry-run', ['deployment', 'web', '--image=nginx', '--dry-run=maybe']],
  ['a bad -o', ['deployment', 'web', '--image=nginx', C, '-o', 'wide']],
  ['a bare quote in --image', ['deployment', 'web', '--image=a"b', C]],
  ['a quoted --image with a comma', ['deployment', 'web', '--image="a,b"', C, '-o', 'jsonpath={.spec.template.spec.containers[*].image}']],
  // serviceaccount
  ['serviceaccount', ['serviceaccount', 'build-robot', '-n', 'kube-system', C, '-o', 'yaml']],
  ['sa, JSON', ['sa', 'build-robot', C, '-o', 'json']],
  ['sa, the line', ['sa', 'build-robot', C]],
  ['sa without a name', ['sa', C]],
  ['sa with an empty name', ['sa', '', C]],
  ['sa after a -- is ignored', ['sa', 'x', C, '--', 'y']],
  ['sa takes no --image', ['sa', 'x', '--image=a', C]],
  // namespace
  ['namespace', ['namespace', 'team-a', C, '-o', 'yaml']],
  ['ns, JSON', ['ns', 'team-a', C, '-o', 'json']],
  ['ns an empty name', ['ns', '', C]],
  ['ns ignores -n', ['ns', 'team-a', '-n', 'other', C, '-o', 'yaml']],
  // configmap
  ['configmap from literals and files', ['configmap', 'game-config', '--from-literal=a=b', '--from-literal=empty=', '--from-literal=eq=x=y', '--from-file=game.properties', '--from-file=renamed=config/one.txt', C, '-o', 'yaml']],
  ['cm from a directory: its regular files', ['cm', 'dir', '--from-file=config', C, '-o', 'yaml']],
  ['cm, JSON', ['cm', 'game-config', '--from-literal=z=1', '--from-literal=a=2', '--from-literal=10=3', '--from-literal=9=4', C, '-o', 'json']],
  ['cm with a binary file', ['cm', 'bin', '--from-file=logo.bin', '--from-literal=text=hi', C, '-o', 'yaml']],
  ['cm from an env file', ['cm', 'ui', '--from-env-file=ui.env', C, '-o', 'yaml']],
  ['cm from two env files, comma-separated', ['cm', 'ui', '--from-env-file=ui.env,game.properties', C, '-o', 'yaml']],
  ['cm quotes in a literal are kept', ['cm', 'q', `--from-literal=a="quoted"`, `--from-literal=b='single'`, C, '-o', 'yaml']],
  ['cm --append-hash', ['cm', 'game-config', '--from-literal=a=b', '--from-file=game.properties', '--append-hash', C, '-o', 'yaml']],
  ['cm --append-hash, empty', ['cm', 'empty', '--append-hash', C, '-o', 'name']],
  ['cm --append-hash with binary data', ['cm', 'bin', '--from-file=logo.bin', '--append-hash', C, '-o', 'name']],
  ['cm, no sources', ['cm', 'empty', C, '-o', 'yaml']],
  ['cm -n', ['cm', 'c', '-n', 'kube-system', '--from-literal=a=b', C, '-o', 'yaml']],
  ['cm literal without =', ['cm', 'c', '--from-literal=novalue', C]],
  ['cm literal with a leading =', ['cm', 'c', '--from-literal==v', C]],
  ['cm a bad key', ['cm', 'c', '--from-literal=bad key=v', C]],
  ['cm a key too long', ['cm', 'c', `--from-literal=${'k'.repeat(254)}=v`, C]],
  ['cm a key too long and with a space', ['cm', 'c', `--from-literal=${'k'.repeat(254)} =v`, C]],
  ['cm key ..', ['cm', 'c', '--from-literal=..=v', C]],
  ['cm key starting with ..', ['cm', 'c', '--from-literal=..a=v', C]],
  ['cm key .', ['cm', 'c', '--from-literal=.=v', C]],
  ['cm a key twice', ['cm', 'c', '--from-literal=a=1', '--from-literal=a=2', C]],
  ['cm a key from a file and a literal', ['cm', 'c', '--from-file=game.properties', '--from-literal=game.properties=2', C]],
  ['cm a missing file', ['cm', 'c', '--from-file=missing.txt', C]],
  ['cm a missing file under a key', ['cm', 'c', '--from-file=k=missing.txt', C]],
  ['cm a key for a directory', ['cm', 'c', '--from-file=k=config', C]],
  ['cm a file whose name is not a key', ['cm', 'c', '--from-file=bad@key', C]],
  ['cm --from-file=k=', ['cm', 'c', '--from-file=k=', C]],
  ['cm --from-file==p', ['cm', 'c', '--from-file==game.properties', C]],
  ['cm --from-file=a=b=c', ['cm', 'c', '--from-file=a=b=c', C]],
  ['cm env file with a bad name', ['cm', 'c', '--from-env-file=bad.env', C]],
  ['cm env file missing', ['cm', 'c', '--from-env-file=missing.env', C]],
  ['cm env file a directory', ['cm', 'c', '--from-env-file=config', C]],
  ['cm env file with a literal', ['cm', 'c', '--from-env-file=ui.env', '--from-literal=a=b', C]],
  ['cm no name', ['cm', C]],
  ['cm an empty name', ['cm', '', C]],
  // secret
  ['secret generic', ['secret', 'generic', 'db', '--from-literal=user=admin', '--from-literal=password=s3cr=t', '--from-file=game.properties', C, '-o', 'yaml']],
  ['secret generic, JSON, --type', ['secret', 'generic', 'db', '--from-literal=a=b', '--type=example.com/custom', C, '-o', 'json']],
  ['secret generic from a directory and a binary file', ['secret', 'generic', 'files', '--from-file=config', '--from-file=logo.bin', C, '-o', 'yaml']],
  ['secret generic from an env file', ['secret', 'generic', 'env', '--from-env-file=ui.env', C, '-o', 'yaml']],
  ['secret generic --append-hash', ['secret', 'generic', 'db', '--from-literal=a=b', '--append-hash', C, '-o', 'name']],
  ['secret generic --append-hash with a type', ['secret', 'generic', 'db', '--from-literal=a=b', '--type=Opaque', '--append-hash', C, '-o', 'name']],
  ['secret generic, no data', ['secret', 'generic', 'empty', C, '-o', 'yaml']],
  ['secret generic, the line', ['secret', 'generic', 'db', '--from-literal=a=b', C]],
  ['secret generic quotes in a literal are kept', ['secret', 'generic', 'q', `--from-literal=a="quoted"`, C, '-o', 'yaml']],
  ['secret generic a bad key', ['secret', 'generic', 'db', '--from-literal=bad key=v', C]],
  ['secret generic a key too long and with a space', ['secret', 'generic', 'db', `--from-literal=${'k'.repeat(254)} =v`, C]],
  ['secret generic an empty name', ['secret', 'generic', '', C]],
  ['secret generic --append-hash, empty', ['secret', 'generic', 'empty', '--append-hash', C, '-o', 'name']],
  ['secret generic a file whose name is not a key', ['secret', 'generic', 'db', '--from-file=bad@key', C]],
  ['secret generic a key twice', ['secret', 'generic', 'db', '--from-literal=a=1', '--from-literal=a=2', C]],
  ['secret generic a missing file', ['secret', 'generic', 'db', '--from-file=missing.txt', C]],
  ['secret generic a key for a directory', ['secret', 'generic', 'db', '--from-file=k=config', C]],
  ['secret generic env file and file', ['secret', 'generic', 'db', '--from-env-file=ui.env', '--from-file=game.properties', C]],
  ['secret generic env file with a bad name', ['secret', 'generic', 'db', '--from-env-file=bad.env', C]],
  ['secret generic literal without =', ['secret', 'generic', 'db', '--from-literal=novalue', C]],
  ['secret generic no name', ['secret', 'generic', C]],
  ['secret with an unknown type', ['secret', 'opaque', 'x']],
  ['secret docker-registry', ['secret', 'docker-registry', 'regcred', '--docker-server=registry.example:5000', '--docker-username=me', '--docker-password=pa$$', '--docker-email=me@example.com', C, '-o', 'yaml']],
  ['secret docker-registry, the default server, JSON', ['secret', 'docker-registry', 'regcred', '--docker-username=me', '--docker-password=<&>', C, '-o', 'json']],
  ['secret docker-registry from a file', ['secret', 'docker-registry', 'regcred', '--from-file=.dockerconfigjson=dockerconfig.json', C, '-o', 'yaml']],
  ['secret docker-registry --append-hash', ['secret', 'docker-registry', 'regcred', '--docker-username=me', '--docker-password=p', '--append-hash', C, '-o', 'name']],
  ['secret docker-registry without a password', ['secret', 'docker-registry', 'regcred', '--docker-username=me', C]],
  ['secret docker-registry with an empty server', ['secret', 'docker-registry', 'regcred', '--docker-username=me', '--docker-password=p', '--docker-server=', C]],
  ['secret docker-registry no name', ['secret', 'docker-registry', '--docker-username=me', '--docker-password=p', C]],
  ['secret tls', ['secret', 'tls', 'web-tls', '--cert=tls.crt', '--key=tls.key', C, '-o', 'yaml']],
  ['secret tls --append-hash', ['secret', 'tls', 'web-tls', '--cert=tls.crt', '--key=tls.key', '--append-hash', C, '-o', 'name']],
  ['secret tls without --key', ['secret', 'tls', 'web-tls', '--cert=tls.crt', C]],
  ['secret tls without either', ['secret', 'tls', 'web-tls', C]],
  ['secret tls a missing cert', ['secret', 'tls', 'web-tls', '--cert=missing.crt', '--key=tls.key', C]],
  ['secret tls a missing key', ['secret', 'tls', 'web-tls', '--cert=tls.crt', '--key=missing.key', C]],
  ['secret tls a key that is no PEM', ['secret', 'tls', 'web-tls', '--cert=tls.crt', '--key=game.properties', C]],
  ['secret tls a cert that is no PEM', ['secret', 'tls', 'web-tls', '--cert=game.properties', '--key=tls.key', C]],
  ['secret tls switched', ['secret', 'tls', 'web-tls', '--cert=tls.key', '--key=tls.crt', C]],
  ['secret tls a key of another pair', ['secret', 'tls', 'web-tls', '--cert=tls.crt', '--key=other.key', C]],
  ['secret tls an empty name', ['secret', 'tls', '', '--cert=tls.crt', '--key=tls.key', C]],
  ['secret docker-registry an empty name', ['secret', 'docker-registry', '', '--docker-username=me', '--docker-password=p', C]],
  ['secret tls no name', ['secret', 'tls', '--cert=tls.crt', '--key=tls.key', C]],
  // priorityclass
  ['priorityclass', ['priorityclass', 'high-priority', '--value=1000', '--description=high priority', C, '-o', 'yaml']],
  ['pc, JSON, every flag', ['pc', 'p', '--value=-5', '--global-default', '--description=a <b> & c', '--preemption-policy=Never', C, '-o', 'json']],
  ['pc without --value', ['pc', 'p', C, '-o', 'yaml']],
  ['pc ignores -n', ['pc', 'p', '--value=1', '-n', 'kube-system', C, '-o', 'yaml']],
  ['pc --value not a number', ['pc', 'p', '--value=high', C]],
  ['pc --global-default=false', ['pc', 'p', '--value=1', '--global-default=false', C, '-o', 'yaml']],
  ['pc an empty name', ['pc', '', '--value=1', C]],
  ['pc no name', ['pc', '--value=1', C]],
  // clusterrolebinding, rolebinding
  ['clusterrolebinding', ['clusterrolebinding', 'crb', '--clusterrole=view', '--user=alice', '--group=devs', '--serviceaccount=kube-system:flannel', C, '-o', 'yaml']],
  ['clusterrolebinding, JSON', ['clusterrolebinding', 'crb', '--clusterrole=view', '--serviceaccount=kube-system:flannel', '--user=a', '--user=b', C, '-o', 'json']],
  ['clusterrolebinding without subjects', ['clusterrolebinding', 'crb', '--clusterrole=view', C, '-o', 'yaml']],
  ['clusterrolebinding without --clusterrole', ['clusterrolebinding', 'crb', C]],
  ['clusterrolebinding a bad serviceaccount', ['clusterrolebinding', 'crb', '--clusterrole=view', '--serviceaccount=flannel', C]],
  ['clusterrolebinding an empty serviceaccount part', ['clusterrolebinding', 'crb', '--clusterrole=view', '--serviceaccount=:flannel', C]],
  ['clusterrolebinding an empty name', ['clusterrolebinding', '', '--clusterrole=view', C]],
  ['clusterrolebinding, a comma in --user is kept', ['clusterrolebinding', 'crb', '--clusterrole=view', '--user=a,b', C, '-o', 'yaml']],
  ['clusterrolebinding no name', ['clusterrolebinding', '--clusterrole=view', C]],
  ['rolebinding to a clusterrole', ['rolebinding', 'rb', '--clusterrole=view', '--user=alice', '--serviceaccount=kube-system:flannel', '-n', 'kube-system', C, '-o', 'yaml']],
  ['rolebinding to a role, JSON', ['rolebinding', 'rb', '--role=reader', '--group=devs', C, '-o', 'json']],
  ['rolebinding an empty name', ['rolebinding', '', '--role=reader', C]],
  ['rolebinding with both', ['rolebinding', 'rb', '--role=reader', '--clusterrole=view', C]],
  ['rolebinding with neither', ['rolebinding', 'rb', C]],
  ['rolebinding a bad serviceaccount', ['rolebinding', 'rb', '--role=reader', '--serviceaccount=a:b:c', C]],
  // service
  ['service clusterip', ['service', 'clusterip', 'my-cs', '--tcp=5678:8080', '-n', 'kube-system', C, '-o', 'yaml']],
  ['svc clusterip, JSON, several ports', ['svc', 'clusterip', 'my-cs', '--tcp=80,443:https', '--tcp=53:5353', C, '-o', 'json']],
  ['svc clusterip headless', ['svc', 'clusterip', 'headless', '--clusterip=None', C, '-o', 'yaml']],
  ['svc clusterip headless with a port', ['svc', 'clusterip', 'headless', '--clusterip=None', '--tcp=80', C, '-o', 'yaml']],
  ['svc clusterip an address', ['svc', 'clusterip', 'x', '--clusterip=10.96.0.50', '--tcp=80', C, '-o', 'yaml']],
  ['svc nodeport', ['svc', 'nodeport', 'np', '--tcp=80:8080,443', '--node-port=30080', C, '-o', 'json']],
  ['svc nodeport without --node-port', ['svc', 'nodeport', 'np', '--tcp=80', C, '-o', 'yaml']],
  ['svc nodeport a node port past int32', ['svc', 'nodeport', 'np', '--tcp=80', '--node-port=4294967297', C, '-o', 'yaml']],
  ['svc nodeport --node-port not a number', ['svc', 'nodeport', 'np', '--tcp=80', '--node-port=high', C]],
  ['svc loadbalancer', ['svc', 'loadbalancer', 'lb', '--tcp=80', C, '-o', 'yaml']],
  ['svc externalname', ['svc', 'externalname', 'en', '--external-name=bar.example.com', C, '-o', 'yaml']],
  ['svc externalname with a port', ['svc', 'externalname', 'en', '--external-name=bar.com', '--tcp=80', C, '-o', 'json']],
  ['svc externalname without --external-name', ['svc', 'externalname', 'en', C]],
  ['svc externalname a bad name', ['svc', 'externalname', 'en', '--external-name=Bad_Name', C]],
  ['svc clusterip no --tcp', ['svc', 'clusterip', 'x', C]],
  ['svc clusterip a port that is no number', ['svc', 'clusterip', 'x', '--tcp=http', C]],
  ['svc clusterip a port out of range', ['svc', 'clusterip', 'x', '--tcp=70000', C]],
  ['svc clusterip a signed port', ['svc', 'clusterip', 'x', '--tcp=+80', C]],
  ['svc clusterip a named target port', ['svc', 'clusterip', 'x', '--tcp=80:web', C, '-o', 'yaml']],
  ['svc clusterip a bad target port name', ['svc', 'clusterip', 'x', '--tcp=80:Web--Port-Name-Long', C]],
  ['svc clusterip a target port out of range', ['svc', 'clusterip', 'x', '--tcp=80:0', C]],
  ['svc clusterip a signed target port', ['svc', 'clusterip', 'x', '--tcp=80:+8080', C, '-o', 'yaml']],
  ['svc clusterip three parts', ['svc', 'clusterip', 'x', '--tcp=80:8080:9', C, '-o', 'yaml']],
  ['svc clusterip takes no --node-port', ['svc', 'clusterip', 'x', '--tcp=80', '--node-port=30000', C]],
  ['svc clusterip an empty name', ['svc', 'clusterip', '', '--tcp=80', C]],
  ['svc clusterip no name', ['svc', 'clusterip', '--tcp=80', C]],
  ['service an unknown type', ['service', 'headless', 'x']],
  // job, cronjob
  ['job', ['job', 'j', '--image=busybox', '-n', 'kube-system', C, '-o', 'yaml', '--', 'date']],
  ['job, JSON', ['job', 'j', '--image=busybox', C, '-o', 'json', '--', 'sh', '-c', 'echo hi']],
  ['job without --image', ['job', 'j', C]],
  ['job with --image and --from', ['job', 'j', '--image=a', '--from=cronjob/x', C]],
  ['job an empty name', ['job', '', '--image=a', C]],
  ['cronjob', ['cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *', C, '-o', 'yaml', '--', 'date']],
  ['cronjob, JSON, --restart', ['cronjob', 'cj', '--image=busybox', '--schedule=@hourly', '--restart=Never', C, '-o', 'json']],
  ['cronjob without --schedule', ['cronjob', 'cj', '--image=a', C]],
  ['cronjob without either', ['cronjob', 'cj', C]],
  ['cronjob an empty name', ['cronjob', '', '--image=a', '--schedule=x', C]],
  // poddisruptionbudget
  ['pdb', ['pdb', 'my-pdb', '--selector=app=rails', '--min-available=1', '-n', 'kube-system', C, '-o', 'yaml']],
  ['poddisruptionbudget, JSON, a percentage and set-based selector', ['poddisruptionbudget', 'p', '--selector=app=x,tier in (web,api),!canary,env notin (dev),zone', '--max-unavailable=50%', C, '-o', 'json']],
  ['pdb no selector', ['pdb', 'p', '--min-available=1', C]],
  ['pdb neither bound', ['pdb', 'p', '--selector=app=x', C]],
  ['pdb both bounds', ['pdb', 'p', '--selector=app=x', '--min-available=1', '--max-unavailable=1', C]],
  ['pdb a bad bound', ['pdb', 'p', '--selector=app=x', '--min-available=1Gi', C]],
  ['pdb a bad max bound', ['pdb', 'p', '--selector=app=x', '--max-unavailable=-1', C]],
  ['pdb a selector that does not parse', ['pdb', 'p', '--selector=a in (b', '--min-available=1', C]],
  ['pdb a selector with !=', ['pdb', 'p', '--selector=env!=dev', '--min-available=1', C]],
  ['pdb a selector with >', ['pdb', 'p', '--selector=a>1', '--min-available=1', C]],
  ['pdb an empty name', ['pdb', '', '--selector=a=b', '--min-available=1', C]],
  // quota
  ['quota', ['quota', 'q', '--hard=cpu=1.5,memory=1024Mi,pods=2', '--scopes=BestEffort,NotTerminating', '-n', 'kube-system', C, '-o', 'yaml']],
  ['resourcequota, JSON', ['resourcequota', 'q', '--hard=requests.cpu=100m,limits.memory=1G', C, '-o', 'json']],
  ['quota empty', ['quota', 'q', C, '-o', 'yaml']],
  ['quota a bad statement', ['quota', 'q', '--hard=cpu', C]],
  ['quota a bad quantity', ['quota', 'q', '--hard=cpu=lots', C]],
  ['quota an empty scope', ['quota', 'q', '--scopes=BestEffort,', C]],
  ['quota an empty name', ['quota', '', C]],
  // ingress (kubectl's own examples, and its checks)
  ['ingress simple', ['ingress', 'simple', '--rule=foo.com/bar=svc1:8080,tls=my-cert', C, '-o', 'json']],
  ['ingress catch-all', ['ingress', 'catch-all', '--class=otheringress', '--rule=/path=svc:port', '-n', 'kube-system', C, '-o', 'yaml']],
  ['ingress annotated', ['ingress', 'annotated', '--class=default', '--rule=foo.com/bar=svc:port', '--annotation', 'ingress.annotation1=foo', '--annotation', 'ingress.annotation2=bla=x', C, '-o', 'yaml']],
  ['ingress multipath', ['ingress', 'multipath', '--class=default', '--rule=foo.com/=svc:port', '--rule=foo.com/admin/=svcadmin:portadmin', C, '-o', 'yaml']],
  ['ingress prefixes', ['ingress', 'ingress1', '--class=default', '--rule=foo.com/path*=svc:8080', '--rule=bar.com/admin*=svc2:http', C, '-o', 'yaml']],
  ['ing tls, default certificate', ['ing', 'ingtls', '--class=default', '--rule=foo.com/=svc:https,tls', '--rule=foo.com/path/subpath*=othersvc:8080', C, '-o', 'json']],
  ['ing tls secrets shared and hosts once', ['ing', 'x', '--rule=a.com/=s:80,tls=one', '--rule=b.com/=s:80,tls=one', '--rule=a.com/x=s:80,tls=two', '--rule=/y=s:0,tls', C, '-o', 'yaml']],
  ['ing default backend', ['ing', 'ingdefault', '--class=default', '--default-backend=defaultsvc:http', '--rule=foo.com/*=svc:8080,tls=secret1', C, '-o', 'yaml']],
  ['ing default backend only', ['ing', 'd', '--default-backend=svc:80', C, '-o', 'json']],
  ['ing neither', ['ing', 'x', C]],
  ['ing a bad rule', ['ing', 'x', '--rule=foo.com=svc:80', C]],
  ['ing a bad annotation', ['ing', 'x', '--rule=/=svc:80', '--annotation=novalue', C]],
  ['ing a bad default backend', ['ing', 'x', '--default-backend=svc', C]],
  ['ing an empty name', ['ing', '', '--rule=/=svc:80', C]],
  // --save-config: the generated object's own JSON in its last-applied-configuration annotation
  ['deployment --save-config', ['deployment', 'web', '--image=nginx', '--save-config', C, '-o', 'yaml']],
  ['ingress --save-config with annotations, JSON', ['ingress', 'x', '--rule=/=s:80', '--annotation=z=1', '--annotation=a=<&>', '--save-config', C, '-o', 'json']],
  ['namespace --save-config', ['namespace', 'n', '--save-config', C, '-o', 'yaml']],
  ['cm --save-config', ['cm', 'c', '--from-literal=b=2', '--from-literal=a=1', '--save-config', '-n', 'kube-system', C, '-o', 'yaml']],
  ['secret tls --save-config', ['secret', 'tls', 't', '--cert=tls.crt', '--key=tls.key', '--save-config', C, '-o', 'name']],
  ['--save-config=false', ['sa', 'x', '--save-config=false', C, '-o', 'yaml']],
  // create itself
  ['an unknown generator', ['foo', 'bar']],
];

/**
 * Cases that need the API server's discovery (create role and clusterrole map each --resource
 * through it): run against DISCOVERY, served on a local port, as a cluster with these resources
 * would serve it. Nothing else is asked of the server with --dry-run=client.
 */
const DISCOVERY_CASES = [
  ['clusterrole for a DaemonSet agent', ['clusterrole', 'flannel', '--verb=get,list,watch', '--resource=pods,nodes,nodes/status,daemonsets.apps', C, '-o', 'yaml']],
  ['clusterrole, JSON, short names and resource names', ['clusterrole', 'reader', '--verb=get', '--verb=get', '--resource=po,ds.apps,cm', '--resource-name=a', '--resource-name=b', '--resource-name=a', C, '-o', 'json']],
  ['clusterrole with non-resource URLs', ['clusterrole', 'logs', '--verb=get', '--non-resource-url=/logs/*', '--non-resource-url=/healthz', C, '-o', 'yaml']],
  ['clusterrole with both', ['clusterrole', 'both', '--verb=get', '--resource=pods', '--non-resource-url=/logs', C, '-o', 'yaml']],
  ['clusterrole with * verbs and resources', ['clusterrole', 'admin', '--verb=get,*', '--resource=*', C, '-o', 'yaml']],
  ['clusterrole with an aggregation rule', ['clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate-to-view=true', C, '-o', 'yaml']],
  ['clusterrole a non-standard verb', ['clusterrole', 'x', '--verb=frob', '--resource=pods', C]],
  ['clusterrole an unknown resource', ['clusterrole', 'x', '--verb=get', '--resource=frobs', C, '-o', 'yaml']],
  ['clusterrole no verb', ['clusterrole', 'x', '--resource=pods', C]],
  ['clusterrole no resource', ['clusterrole', 'x', '--verb=get', C]],
  ['clusterrole a non-resource URL with a resource verb', ['clusterrole', 'x', '--verb=list', '--non-resource-url=/logs', C]],
  ['clusterrole a non-resource URL not starting with /', ['clusterrole', 'x', '--verb=get', '--non-resource-url=logs', C]],
  ['clusterrole a non-resource URL with * inside', ['clusterrole', 'x', '--verb=get', '--non-resource-url=/lo*gs', C]],
  ['clusterrole a malformed aggregation rule', ['clusterrole', 'x', '--aggregation-rule=a', C]],
  ['clusterrole an aggregation rule of several pairs', ['clusterrole', 'x', '--aggregation-rule= a = b ,c=d', '--aggregation-rule=e=f', C, '-o', 'json']],
  ['clusterrole an aggregation rule with verbs', ['clusterrole', 'x', '--aggregation-rule=a=b', '--verb=get', C]],
  ['clusterrole a group without a resource', ['clusterrole', 'x', '--verb=get', '--resource=.apps', C]],
  ['clusterrole use on pods', ['clusterrole', 'x', '--verb=use', '--resource=pods', C]],
  ['clusterrole an empty name', ['clusterrole', '', '--verb=get', '--resource=pods', C]],
  ['role', ['role', 'pod-reader', '--verb=get,list', '--resource=pods,pods/log', '-n', 'kube-system', C, '-o', 'yaml']],
  ['role, the line', ['role', 'pod-reader', '--verb=get', '--resource=pods', C]],
  ['role an unknown group', ['role', 'x', '--verb=get', '--resource=pods.nope', C, '-o', 'yaml']],
  ['role takes no --non-resource-url', ['role', 'x', '--verb=get', '--non-resource-url=/logs', C]],
  ['role no verb', ['role', 'x', '--resource=pods', C]],
  ['role no name', ['role', '--verb=get', '--resource=pods', C]],
];

/** The resources DISCOVERY serves, by group/version: [resource, kind, namespaced, short names, subresources]. */
const RESOURCES = {
  v1: [
    ['pods', 'Pod', true, ['po'], ['log', 'status']],
    ['nodes', 'Node', false, ['no'], ['status']],
    ['namespaces', 'Namespace', false, ['ns'], ['status']],
    ['configmaps', 'ConfigMap', true, ['cm'], []],
    ['secrets', 'Secret', true, [], []],
    ['serviceaccounts', 'ServiceAccount', true, ['sa'], ['token']],
    ['services', 'Service', true, ['svc'], ['status']],
    ['endpoints', 'Endpoints', true, ['ep'], []],
    ['events', 'Event', true, ['ev'], []],
  ],
  'apps/v1': [
    ['daemonsets', 'DaemonSet', true, ['ds'], ['status']],
    ['deployments', 'Deployment', true, ['deploy'], ['scale', 'status']],
    ['replicasets', 'ReplicaSet', true, ['rs'], ['scale', 'status']],
    ['controllerrevisions', 'ControllerRevision', true, [], []],
  ],
  'coordination.k8s.io/v1': [['leases', 'Lease', true, [], []]],
  'policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], ['status']]],
  'policy/v1beta1': [['podsecuritypolicies', 'PodSecurityPolicy', false, ['psp'], []]],
  'scheduling.k8s.io/v1': [['priorityclasses', 'PriorityClass', false, ['pc'], []]],
  'rbac.authorization.k8s.io/v1': [
    ['roles', 'Role', true, [], []],
    ['rolebindings', 'RoleBinding', true, [], []],
    ['clusterroles', 'ClusterRole', false, [], []],
    ['clusterrolebindings', 'ClusterRoleBinding', false, [], []],
  ],
};

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function resourceList(gv) {
  const resources = [];
  for (const [name, kind, namespaced, shortNames, subs] of RESOURCES[gv]) {
    resources.push({ name, singularName: kind.toLowerCase(), namespaced, kind, verbs: VERBS, ...(shortNames.length > 0 ? { shortNames } : {}) });
    for (const sub of subs) resources.push({ name: `${name}/${sub}`, singularName: '', namespaced, kind, verbs: ['get', 'patch', 'update'] });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}

/** A discovery endpoint for kubectl's RESTMapper (the legacy, unaggregated documents). */
function discovery(url) {
  if (url === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
  if (url === '/api/v1') return resourceList('v1');
  if (url === '/apis') {
    const groups = new Map();
    for (const gv of Object.keys(RESOURCES).filter((k) => k.includes('/'))) {
      const [group, version] = gv.split('/');
      if (!groups.has(group)) groups.set(group, []);
      groups.get(group).push({ groupVersion: gv, version });
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => ({ name, versions, preferredVersion: versions[0] })),
    };
  }
  const m = /^\/apis\/(.+)$/.exec(url);
  if (m && RESOURCES[m[1]]) return resourceList(m[1]);
  return undefined;
}

async function run(args, cwd, home, server) {
  const r = await new Promise((done) => {
    const child = execFile('kubectl', [...(server === undefined ? [] : [`--server=${server}`]), 'create', ...args], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: join(home, 'none'), FROM_ENV: 'from-the-environment' },
    }, (error, stdout, stderr) => done({ status: error === null ? 0 : error.code, stdout, stderr }));
    child.stdin.end();
  });
  const stderr = r.stderr
    .replace(/^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\]]+\] /gm, '')
    .replaceAll('kubectl', 'dsim');
  return { code: r.status, stdout: r.stdout, stderr };
}

const home = mkdtempSync(join(tmpdir(), 'create-cases-'));
const server = createServer((req, res) => {
  const body = discovery(req.url.split('?')[0]);
  res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
});
await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
try {
  const cwd = join(FIXTURES, 'create');
  const recorded = [];
  for (const [what, args] of CASES) recorded.push({ what, args, ...(await run(args, cwd, home)) });
  const at = `http://127.0.0.1:${server.address().port}`;
  for (const [what, args] of DISCOVERY_CASES) recorded.push({ what, args, discovery: true, ...(await run(args, cwd, home, at)) });
  if (process.argv.includes('--check')) {
    const before = JSON.parse(readFileSync(OUT, 'utf8'));
    let differ = 0;
    for (const r of recorded) {
      const b = before.cases.find((c) => c.what === r.what);
      if (b === undefined || JSON.stringify(b) !== JSON.stringify(r)) {
        differ++;
        console.log(`differs: ${r.what}\n  kubectl: ${JSON.stringify(r)}\n  file:    ${JSON.stringify(b)}`);
      }
    }
    console.log(differ === 0 ? `all ${recorded.length} cases agree with this kubectl` : `${differ} of ${recorded.length} cases differ`);
    process.exitCode = differ === 0 ? 0 : 1;
  } else {
    const version = spawnSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
    const kubectl = JSON.parse(version.stdout).clientVersion.gitVersion;
    writeFileSync(OUT, `${JSON.stringify({ kubectl, cases: recorded }, null, 2)}\n`);
    console.log(`wrote ${recorded.length} cases (${kubectl}) to ${OUT}`);
  }
} finally {
  server.close();
  rmSync(home, { recursive: true, force: true });
}
