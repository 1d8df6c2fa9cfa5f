import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CustomColumnsError, goSort, printCustomColumns, printCustomColumnsFile, sortObjects } from './customColumns.ts';
import { JsonPathError, printJsonPath } from './jsonpath.ts';

// Golden outputs are real kubectl output (v1.32.4): `kubectl get pods -n u -o custom-columns=SPEC
// [--sort-by=PATH] [--no-headers]` against a fake API server serving PODS (so kubectl's list sorter
// ran, as for any output but a table). `error` is kubectl's message without "error: "; for an
// unsortable field kubectl exits through klog (a line with the time and its process id), whose
// message is what is compared.
const PODS: readonly unknown[] = [{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-9","namespace":"u","creationTimestamp":"2025-01-01T00:00:00Z","labels":{"tier":"a","n":"0"}},"spec":{"containers":[{"name":"c","image":"img:0"}],"priority":0},"status":{"mem":"1Gi","ratio":0,"nullish":null}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-10","namespace":"u","creationTimestamp":"2025-01-01T00:00:01Z","labels":{"tier":"b","n":"1"}},"spec":{"containers":[{"name":"c","image":"img:1"}],"nodeName":"node-1","priority":3},"status":{"mem":"500Mi","ratio":0.25,"nullish":"v1"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-100","namespace":"u","creationTimestamp":"2025-01-01T00:00:02Z","labels":{"tier":"c","n":"2"}},"spec":{"containers":[{"name":"c","image":"img:2"}],"nodeName":"node-2","priority":2},"status":{"mem":"2","ratio":0.5,"nullish":"v0"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-09","namespace":"u","creationTimestamp":"2025-01-01T00:00:00Z"},"spec":{"containers":[{"name":"c","image":"img:3"}],"nodeName":"node-0","priority":1},"status":{"mem":"100m","ratio":0.75,"nullish":"v1"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"u","creationTimestamp":"2025-01-01T00:00:01Z","labels":{"tier":"b","n":"4"}},"spec":{"containers":[{"name":"c","image":"img:0"}],"nodeName":"node-1","priority":0},"status":{"mem":"1Gi","ratio":1,"nullish":"v0"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","namespace":"u","creationTimestamp":"2025-01-01T00:00:02Z","labels":{"tier":"c","n":"5"}},"spec":{"containers":[{"name":"c","image":"img:1"}]},"status":{"mem":"3k","ratio":0,"nullish":"v1"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"b","namespace":"u","creationTimestamp":"2025-01-01T00:00:00Z","labels":{"tier":"a","n":"6"}},"spec":{"containers":[{"name":"c","image":"img:2"}],"nodeName":"node-0","priority":2},"status":{"mem":"abc","ratio":0.25,"nullish":"v0"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-2","namespace":"u","creationTimestamp":"2025-01-01T00:00:01Z"},"spec":{"containers":[{"name":"c","image":"img:3"}],"nodeName":"node-1","priority":1},"status":{"mem":"1.5","ratio":0.5,"nullish":null}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-3","namespace":"u","creationTimestamp":"2025-01-01T00:00:02Z","labels":{"tier":"c","n":"8"}},"spec":{"containers":[{"name":"c","image":"img:0"}],"nodeName":"node-2","priority":0},"status":{"mem":"2Gi","ratio":0.75,"nullish":"v0"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p-1","namespace":"u","creationTimestamp":"2025-01-01T00:00:00Z","labels":{"tier":"a","n":"9"}},"spec":{"containers":[{"name":"c","image":"img:1"}],"nodeName":"node-0","priority":3},"status":{"mem":"1e3","ratio":1,"nullish":"v1"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"z-1","namespace":"u","creationTimestamp":"2025-01-01T00:00:01Z","labels":{"tier":"b","n":"10"}},"spec":{"containers":[{"name":"c","image":"img:2"}],"priority":2},"status":{"mem":"500Mi","ratio":0,"nullish":"v0"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"m","namespace":"u","creationTimestamp":"2025-01-01T00:00:02Z"},"spec":{"containers":[{"name":"c","image":"img:3"}],"nodeName":"node-2"},"status":{"mem":"64Mi","ratio":0.25,"nullish":"v1"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"q-7","namespace":"u","creationTimestamp":"2025-01-01T00:00:00Z","labels":{"tier":"a","n":"12"}},"spec":{"containers":[{"name":"c","image":"img:0"}],"nodeName":"node-0","priority":0},"status":{"mem":"7","ratio":0.5,"nullish":"v0"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"q-70","namespace":"u","creationTimestamp":"2025-01-01T00:00:01Z","labels":{"tier":"b","n":"13"}},"spec":{"containers":[{"name":"c","image":"img:1"}],"nodeName":"node-1","priority":3},"status":{"mem":"0.5Gi","ratio":0.75,"nullish":"v1"}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"q-8","namespace":"u","creationTimestamp":"2025-01-01T00:00:02Z","labels":{"tier":"c","n":"14"}},"spec":{"containers":[{"name":"c","image":"img:2"}],"nodeName":"node-2","priority":2},"status":{"mem":"1G","ratio":1,"nullish":null}},{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x","namespace":"u","creationTimestamp":"2025-01-01T00:00:00Z"},"spec":{"containers":[{"name":"c","image":"img:3"}],"priority":1},"status":{"mem":"1Ki","ratio":0,"nullish":"v1"}}];

const GOLDEN: readonly { spec: string; sortBy?: string; noHeaders?: boolean; stdout: string; error?: string }[] = [
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".metadata.name","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".spec.nodeName","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".spec.priority","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".status.mem","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".status.ratio","stdout":"","error":"Field {.status.ratio} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable interface: interface"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".status.nullish","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".metadata.labels.tier","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":".metadata.creationTimestamp","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\n"},
  {"spec":"NAME:.metadata.name,TIER:.metadata.labels.tier,LABELS:.metadata.labels,NODE:.spec.nodeName,PRIO:.spec.priority,MEM:.status.mem,RATIO:.status.ratio,NULL:.status.nullish,IMG:.spec.containers[*].image","sortBy":"{.spec.containers[*].image}","stdout":"NAME    TIER     LABELS             NODE     PRIO     MEM     RATIO   NULL    IMG\np-3     c        map[n:8 tier:c]    node-2   0        2Gi     0.75    v0      img:0\nweb     b        map[n:4 tier:b]    node-1   0        1Gi     1       v0      img:0\nq-7     a        map[n:12 tier:a]   node-0   0        7       0.5     v0      img:0\np-9     a        map[n:0 tier:a]    <none>   0        1Gi     0       <nil>   img:0\nq-70    b        map[n:13 tier:b]   node-1   3        0.5Gi   0.75    v1      img:1\na       c        map[n:5 tier:c]    <none>   <none>   3k      0       v1      img:1\np-10    b        map[n:1 tier:b]    node-1   3        500Mi   0.25    v1      img:1\np-1     a        map[n:9 tier:a]    node-0   3        1e3     1       v1      img:1\nb       a        map[n:6 tier:a]    node-0   2        abc     0.25    v0      img:2\nz-1     b        map[n:10 tier:b]   <none>   2        500Mi   0       v0      img:2\np-100   c        map[n:2 tier:c]    node-2   2        2       0.5     v0      img:2\nq-8     c        map[n:14 tier:c]   node-2   2        1G      1       <nil>   img:2\np-2     <none>   <none>             node-1   1        1.5     0.5     <nil>   img:3\nm       <none>   <none>             node-2   <none>   64Mi    0.25    v1      img:3\np-09    <none>   <none>             node-0   1        100m    0.75    v1      img:3\nx       <none>   <none>             <none>   1        1Ki     0       v1      img:3\n"},
  {"spec":"NAME:.metadata.name","sortBy":".metadata.labels","stdout":"","error":"Field {.metadata.labels} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: map[string]interface {}"},
  {"spec":"NAME:.metadata.name","sortBy":".nothing","stdout":"","error":"couldn't find any field with path \"{.nothing}\" in the list of objects"},
  {"spec":"NAME:.metadata.name","sortBy":"{.a}{.b}","stdout":"","error":"unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"},
  {"spec":"NAME:.metadata.name,X:.metadata[*","stdout":"NAME   X\n","error":"unterminated array"},
  {"spec":"NAME:.metadata.name","sortBy":"spec.priority","noHeaders":true,"stdout":"m\na\np-3\nq-7\nweb\np-9\nx\np-09\np-2\nb\nz-1\nq-8\np-100\np-10\np-1\nq-70\n"},
];

describe('custom-columns and --sort-by (as kubectl prints a list)', () => {
  it.each(GOLDEN)('-o custom-columns=$spec --sort-by=$sortBy', ({ spec, sortBy, noHeaders, stdout, error }) => {
    let out = '';
    let message: string | undefined;
    try {
      const sorted = sortBy === undefined ? PODS : sortObjects(PODS, sortBy, false);
      out = printCustomColumns(spec, sorted, noHeaders ?? false);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      message = e.message;
      if (e instanceof CustomColumnsError) out = e.stdout;
    }
    expect({ out, message }).toEqual({ out: stdout, message: error });
  });

  it("sorts a table's rows the way kubectl's table sorter does: a path that is not relaxed is used as written", () => {
    const names = (xs: readonly unknown[]) => xs.map((p) => (p as { metadata: { name: string } }).metadata.name);
    expect(names(sortObjects(PODS, '{.spec.priority}{.x}', true))).toEqual(names(sortObjects(PODS, '.spec.priority', false)));
    expect(() => sortObjects(PODS, '.metadata[*', true)).toThrow('sorting error: unterminated array');
    // No rows: nothing to find the path in, but it must still parse.
    expect(sortObjects([], '.nothing', true)).toEqual([]);
    expect(() => sortObjects([], '{.a', true)).toThrow('sorting error: unclosed action');
  });
});

describe('templates that fail on the data', () => {
  const pods = [{ metadata: { name: 'a' }, spec: { containers: [{ name: 'c' }, { name: 'd' }] } }, { metadata: { name: 'b' }, spec: { containers: [{ name: 'c' }] } }];
  it('custom-columns stops at the object, the rows before it printed, as kubectl does', () => {
    let thrown: unknown;
    try {
      printCustomColumns('A:.metadata.name,B:.spec.containers[1].name', pods, false);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CustomColumnsError);
    expect([(thrown as CustomColumnsError).message, (thrown as CustomColumnsError).stdout]).toEqual(['array index out of bounds: index 1, length 1', 'A     B\na     d\n']);
  });

  it('--sort-by reports the path failing, as kubectl does', () => {
    expect(() => sortObjects(pods, '.spec.containers[1].name', false)).toThrow('array index out of bounds: index 1, length 1');
  });

  // Any template at all: a result, or one of kubectl's error messages, never an exception of dsim's own.
  it('every template prints or is refused with a kubectl message', () => {
    const obj = { kind: 'List', items: [...pods, { metadata: { name: 'c', labels: { x: '1' } }, spec: { n: 1, f: 0.5, b: true, z: null, l: [1, 'two', { k: 'v' }] } }] };
    const piece = fc.constantFrom('{', '}', '.', '[', ']', '*', '?', '(', ')', '@', '$', '"', "'", '=', '!', '<', '>', ',', ':', ' ', '\\', 'a', 'items', 'metadata', 'name', 'spec', 'l', '0', '1', '-', 'range', 'end', '~', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const t = parts.join('');
        for (const run of [
          () => printJsonPath(t, obj),
          () => printJsonPath(t, obj, true),
          () => printCustomColumns(`A:${t}`, obj.items, false),
          () => sortObjects(obj.items, t, false),
          () => sortObjects(obj.items, t, true),
        ]) {
          try {
            run();
          } catch (e) {
            if (!(e instanceof JsonPathError)) throw e;
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

// kubectl v1.32 with `-o custom-columns-file=FILE` on three pods named a, b and c, file by file.
describe('custom-columns-file', () => {
  const pods = ['a', 'b', 'c'].map((name) => ({ kind: 'Pod', metadata: { name }, spec: { nodeName: `n-${name}` } }));
  const format = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  it.each<[string, string, string | undefined, string | undefined]>([
    ['headers and paths, any white space', 'NAME   NODE\nmetadata.name  {.spec.nodeName}\n', 'NAME   NODE\na      n-a\nb      n-b\nc      n-c\n', undefined],
    ['tabs, a third line left unread', 'A\tB  \n  .metadata.name\t\t.kind\nextra line\n', 'A     B\na     Pod\nb     Pod\nc     Pod\n', undefined],
    ['CRLF lines', 'A\r\n.metadata.name\r\n', 'A\na\nb\nc\n', undefined],
    ['two empty lines: no columns', '\n\n', '\n\n\n\n', undefined],
    ['fewer paths than headers', 'NAME NODE\n.metadata.name\n', undefined, "number of headers (2) and field specifications (1) don't match"],
    ['an empty spec line', 'A\n\n', undefined, "number of headers (1) and field specifications (0) don't match"],
    ['no spec line', 'NAME\n', undefined, `invalid template, missing spec line. ${format}`],
    ['no line at all', '', undefined, `invalid template, missing header line. ${format}`],
  ])('%s', (_name, text, out, error) => {
    if (error !== undefined) expect(() => printCustomColumnsFile(text, pods)).toThrow(error);
    else expect(printCustomColumnsFile(text, pods)).toBe(out);
  });
});

// Go's sort.Sort (go1.19 here, the order kubectl v1.32 was seen to leave ties in): the keys, and the
// original positions in the order sort.Sort left them, from a Go program sorting the same keys.
const GO_SORT: readonly { keys: readonly number[]; order: readonly number[] }[] = [
  { keys: [2, 1, 2, 2, 4, 5, 2, 0, 3, 1, 0, 4, 1], order: [7, 10, 1, 12, 9, 3, 6, 0, 2, 8, 4, 11, 5] },
  { keys: [0, 0, 5, 2, 4, 6, 1, 2, 3, 6, 5, 1, 1, 0, 4, 6, 6, 4, 5, 2, 2, 2, 4, 6, 4, 1, 0, 5, 6, 4, 1, 4, 0, 3, 5, 4, 4, 1, 2, 0, 1, 2, 5, 5, 0, 3, 1, 6, 2, 4, 2, 6, 2, 3, 2, 3, 5, 1, 5, 6], order: [13, 1, 0, 26, 39, 44, 32, 46, 6, 30, 57, 11, 12, 37, 25, 40, 20, 3, 54, 19, 52, 21, 41, 48, 7, 50, 38, 45, 55, 8, 53, 33, 29, 17, 4, 35, 36, 14, 49, 24, 31, 22, 10, 43, 18, 58, 2, 56, 34, 27, 42, 28, 51, 9, 5, 15, 47, 16, 23, 59] },
  { keys: [6, 5, 1, 1, 3, 4, 3, 1, 0, 1, 2, 5, 6, 3, 6, 2, 3, 2, 0, 3, 4, 0, 2, 1, 4, 0, 0, 0, 2, 4, 0, 3, 1, 1, 1, 3, 2, 5, 3, 4, 1, 5, 5, 0, 4, 2, 1, 1, 0, 4, 3, 0, 1, 4, 5, 5, 0, 6, 2, 0, 4, 2, 0, 0, 3, 3, 1, 1, 2, 0, 0, 0, 0, 5, 2, 6, 2, 5, 5, 2, 5, 2, 4, 0, 1, 5, 1, 0, 5, 0, 0, 1, 6, 6, 3, 4, 2, 3, 0, 1, 2, 2, 5, 0, 6, 0, 3, 3, 0, 3, 0, 3, 1, 1, 5, 5, 1, 4, 1, 6, 4, 1, 0, 5, 4, 0, 3, 4, 5, 4, 5, 6, 3, 0, 4, 3, 6, 0, 3, 6, 6, 3, 4, 2, 5, 3, 6, 5, 2, 6, 2, 5, 1, 5, 1, 0, 4, 6, 3, 6, 2, 0, 4, 6, 1, 1, 3, 0, 5, 6, 4, 5, 4, 6, 0, 2, 0, 6, 1, 5, 2, 4, 2, 6, 1, 6, 3, 2, 4, 2, 4, 1, 6, 5, 6, 0, 6, 1, 4, 4], order: [161, 98, 90, 89, 195, 87, 83, 103, 8, 105, 108, 110, 72, 71, 70, 69, 63, 62, 18, 176, 59, 21, 122, 56, 174, 25, 26, 27, 125, 167, 30, 133, 137, 51, 48, 43, 155, 23, 66, 197, 40, 154, 152, 164, 99, 91, 46, 47, 34, 2, 3, 33, 52, 32, 165, 191, 86, 84, 7, 9, 121, 112, 113, 178, 118, 116, 184, 67, 175, 180, 81, 58, 160, 17, 74, 61, 76, 187, 10, 79, 36, 15, 182, 189, 22, 101, 96, 28, 100, 143, 148, 45, 150, 68, 50, 126, 94, 97, 4, 6, 186, 13, 16, 19, 166, 31, 106, 107, 35, 109, 38, 111, 158, 145, 141, 138, 65, 135, 64, 132, 24, 49, 199, 20, 124, 172, 120, 127, 170, 129, 82, 198, 29, 162, 134, 117, 181, 53, 156, 60, 5, 39, 142, 190, 44, 95, 188, 193, 123, 147, 144, 151, 42, 153, 41, 114, 115, 88, 85, 11, 73, 168, 54, 179, 78, 80, 102, 1, 37, 130, 128, 171, 55, 77, 139, 173, 169, 177, 104, 163, 14, 159, 75, 183, 12, 185, 157, 149, 146, 92, 0, 140, 192, 136, 194, 93, 196, 119, 131, 57] },
];

describe('goSort (Go sort.Sort: pattern-defeating quicksort)', () => {
  it.each(GO_SORT)('leaves equal keys where Go does ($keys.length keys)', ({ keys, order }) => {
    const k = [...keys];
    const idx = keys.map((_, i) => i);
    goSort(
      k.length,
      (i, j) => k[i]! < k[j]!,
      (i, j) => {
        [k[i], k[j]] = [k[j]!, k[i]!];
        [idx[i], idx[j]] = [idx[j]!, idx[i]!];
      },
    );
    expect(idx).toEqual(order);
  });

  it('sorts any list of keys (a permutation, in order)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 400 }), (keys) => {
        const k = [...keys];
        goSort(
          k.length,
          (i, j) => k[i]! < k[j]!,
          (i, j) => {
            [k[i], k[j]] = [k[j]!, k[i]!];
          },
        );
        expect(k).toEqual([...keys].sort((a, b) => a - b));
      }),
    );
  });
});
