import { describe, expect, it } from 'vitest';
import { GoTemplateError, printGoTemplate } from './goTemplate.ts';

// Golden outputs are real kubectl output (v1.32.4, offline): the fixture written to a file and printed
// with `kubectl patch --local -f fixture.json -p '{}' --type=merge -o go-template=TEMPLATE`, which runs
// kubectl's GoTemplatePrinter on the object as it is. `error` is what kubectl printed after "error: "
// (less the newline); `partial` is what it printed to standard output before its debugging dump.
// Mirrors text/template's exec_test.go and parse_test.go, and cli-runtime's template_test.go.
// Left out (dsim refuses or differs): complex constants such as {{1i}}, which kubectl prints as
// (0+1i), and integers past 2^53 such as 9223372036854775807, which JavaScript numbers cannot hold.
const FIXTURE: unknown = {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"web","namespace":"default","labels":{"app":"web","tier":"front"},"annotations":{"note":"<a&b>"}},"data":{"token":"aGVsbG8gd29ybGQ=","bad":"!!!","empty":""},"spec":{"replicas":3,"ratio":0.25,"big":1234567.5,"huge":1e21,"tiny":0.00001234,"neg":-2,"on":true,"off":false,"none":null,"unschedulable":true,"list":["a","b","c"],"mixed":[1,"x",null,{"k":"v"}],"nested":{"b":{"c":"deep"}},"empty":[],"emptymap":{}},"nodes":[{"metadata":{"name":"node-1","labels":{"zone":"a"}},"status":{"numberReady":3}},{"metadata":{"name":"node-2"},"status":{"numberReady":0}}]};

const GOLDEN: readonly { template: string; out?: string; error?: string; partial?: string }[] = [
  {"template": "{{.metadata.name}}", "out": "web"},
  {"template": "{{.spec.replicas}}|{{.spec.ratio}}|{{.spec.big}}|{{.spec.huge}}|{{.spec.tiny}}|{{.spec.neg}}", "out": "3|0.25|1.2345675e+06|1e+21|1.234e-05|-2"},
  {"template": "{{.spec.on}} {{.spec.off}} {{.spec.none}} {{.spec.missing}} {{.spec.missing.deeper}}", "out": "true false <no value> <no value> <no value>"},
  {"template": "{{.spec.list}} {{.spec.mixed}} {{.spec.nested}} {{.spec.empty}} {{.spec.emptymap}}", "out": "[a b c] [1 x <nil> map[k:v]] map[b:map[c:deep]] [] map[]"},
  {"template": "{{range .nodes}}{{.metadata.name}}{{\"\\n\"}}{{end}}", "out": "node-1\nnode-2\n"},
  {"template": "{{range $i, $e := .nodes}}{{$i}}={{$e.metadata.name}};{{end}}", "out": "0=node-1;1=node-2;"},
  {"template": "{{range $k, $v := .metadata.labels}}{{$k}}:{{$v}} {{end}}", "out": "app:web tier:front "},
  {"template": "{{range .spec.empty}}x{{else}}empty{{end}}|{{range .spec.missing}}x{{else}}none{{end}}", "out": "empty|none"},
  {"template": "{{range .spec.list}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}|{{range .spec.list}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}", "out": "a|ac"},
  {"template": "{{index .metadata.labels \"app\"}}|{{index .spec.list 1}}|{{index .spec.mixed 3 \"k\"}}|{{index .metadata.labels \"zz\"}}", "out": "web|b|v|<no value>"},
  {"template": "{{.data.token | base64decode}}", "out": "hello world"},
  {"template": "{{base64decode .data.bad}}", "error": "error executing template \"{{base64decode .data.bad}}\": template: output:1:2: executing \"output\" at <base64decode .data.bad>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0"},
  {"template": "{{if .spec.unschedulable}}cordoned{{else}}ok{{end}} {{if .spec.missing}}a{{else if .spec.off}}b{{else}}c{{end}}", "out": "cordoned c"},
  {"template": "{{with .spec.nested.b}}{{.c}}{{end}}|{{with .spec.missing}}x{{else}}no{{end}}|{{with .spec.missing}}x{{else with .spec.list}}{{len .}}{{end}}", "out": "deep|no|3"},
  {"template": "{{printf \"%s\\t%v\\n\" .metadata.name .spec.replicas}}", "out": "web\t3\n"},
  {"template": "{{len .nodes}} {{len .metadata.name}} {{len .metadata.labels}}", "out": "2 3 2"},
  {"template": "{{printf \"%d|%5d|%-5d|%05d|%x|%X|%o|%b|%c|%q|%U|%+d\" .spec.replicas .spec.replicas .spec.replicas .spec.neg 255 255 8 5 65 65 65 3}}", "out": "3|    3|3    |-0002|ff|FF|10|101|A|'A'|U+0041|+3"},
  {"template": "{{printf \"%s|%10s|%-10s|%.2s|%q|%x|%v|%T\" .metadata.name .metadata.name .metadata.name .metadata.name .metadata.name .metadata.name .metadata.name .metadata.name}}", "out": "web|       web|web       |we|\"web\"|776562|web|string"},
  {"template": "{{printf \"%f|%.2f|%e|%g|%G|%v|%8.3f|%T|%T|%T\" .spec.ratio .spec.big .spec.big .spec.tiny .spec.huge .spec.big .spec.ratio .spec.ratio .spec.replicas 1}}", "out": "0.250000|1234567.50|1.234568e+06|1.234e-05|1E+21|1.2345675e+06|   0.250|float64|int64|int"},
  {"template": "{{printf \"%d\" .metadata.name}}|{{printf \"%s\" .spec.replicas}}|{{printf \"%d %d\" 1}}|{{printf \"%d\" 1 2 \"x\"}}|{{printf \"%!\"}}|{{printf \"%z\" 3}}|{{printf \"%t %t\" .spec.on 1}}", "out": "%!d(string=web)|%!s(int64=3)|1 %!d(MISSING)|1%!(EXTRA int=2, string=x)|%!!(MISSING)|%!z(int=3)|true %!t(int=1)"},
  {"template": "{{printf \"%v|%s|%d\" .spec.mixed .spec.list .spec.mixed}}", "out": "[1 x <nil> map[k:v]]|[a b c]|[1 %!d(string=x) <nil> map[%!d(string=k):%!d(string=v)]]"},
  {"template": "{{printf \"%v %v\" .spec.none .spec.missing}}|{{printf \"%T\" .spec.none}}|{{printf \"%#v\" .spec.nested}}|{{printf \"%#v\" .spec.list}}", "out": "<nil> <nil>|<nil>|map[string]interface {}{\"b\":map[string]interface {}{\"c\":\"deep\"}}|[]interface {}{\"a\", \"b\", \"c\"}"},
  {"template": "{{print 1 2 \"a\" \"b\" 3 .spec.none}}|{{println \"a\" 1}}|{{print}}", "out": "1 2ab3 <nil>|a 1\n|"},
  {"template": "{{html .metadata.annotations.note}}|{{js \"it's <b> \\\"x\\\" = &\"}}|{{urlquery \"a b&c=d/é\"}}|{{html .spec.missing}}", "out": "&lt;a&amp;b&gt;|it\\'s \\u003Cb\\u003E \\\"x\\\" \\u003D \\u0026|a+b%26c%3Dd%2F%C3%A9|&lt;no value&gt;"},
  {"template": "{{eq .spec.replicas 3}} {{ne .metadata.name \"x\"}} {{lt 1 2}} {{le 2 2}} {{gt \"b\" \"a\"}} {{ge 1.5 2.5}} {{eq .metadata.name \"a\" \"web\"}}", "out": "true true true true true false true"},
  {"template": "{{eq .spec.ratio 3}}", "error": "error executing template \"{{eq .spec.ratio 3}}\": template: output:1:2: executing \"output\" at <eq .spec.ratio 3>: error calling eq: incompatible types for comparison"},
  {"template": "{{lt .spec.on true}}", "error": "error executing template \"{{lt .spec.on true}}\": template: output:1:2: executing \"output\" at <lt .spec.on true>: error calling lt: invalid type for comparison"},
  {"template": "{{eq .spec.missing .spec.none}} {{eq .spec.missing \"x\"}}", "out": "true false"},
  {"template": "{{eq .spec.nested .spec.nested}}", "error": "error executing template \"{{eq .spec.nested .spec.nested}}\": template: output:1:2: executing \"output\" at <eq .spec.nested .spec.nested>: error calling eq: non-comparable type map[b:map[c:deep]]: map[string]interface {}"},
  {"template": "{{and 1 0 2}} {{or 0 \"\" \"x\"}} {{and .spec.on .metadata.name}} {{or .spec.missing .spec.off}} {{not .spec.empty}} {{not 1}}", "out": "0 x web false true false"},
  {"template": "{{slice .spec.list 1}} {{slice .spec.list 1 2}} {{slice .metadata.name 1 3}} {{slice .spec.list}}", "out": "[b c] [b] eb [a b c]"},
  {"template": "{{slice .spec.list 2 1}}", "error": "error executing template \"{{slice .spec.list 2 1}}\": template: output:1:2: executing \"output\" at <slice .spec.list 2 1>: error calling slice: invalid slice index: 2 > 1"},
  {"template": "{{exists . \"metadata\" \"labels\" \"app\"}} {{exists . \"metadata\" \"nope\"}} {{exists .spec.list 5}} {{exists .spec \"none\"}} {{exists .spec.list 1}}", "out": "true false false false true"},
  {"template": "{{$x := .metadata.name}}{{$x}} {{$x = \"changed\"}}{{$x}} {{$.kind}}", "out": "web changed ConfigMap"},
  {"template": "{{- /* a comment */ -}}   trimmed   {{- .metadata.name -}}   !", "out": "trimmedweb!"},
  {"template": "a  {{- .metadata.name}}  b {{.kind -}}   c", "out": "aweb  b ConfigMapc"},
  {"template": "{{define \"row\"}}[{{.metadata.name}}]{{end}}{{range .nodes}}{{template \"row\" .}}{{end}}", "out": "[node-1][node-2]"},
  {"template": "{{block \"b\" .metadata}}{{.name}}{{end}}", "out": "web"},
  {"template": "{{(index .nodes 0).metadata.name}} {{(len .nodes) | printf \"%03d\"}} {{.metadata.name | printf \"%s-%s\" \"x\"}}", "out": "node-1 002 x-web"},
  {"template": "{{.spec.replicas.x}}", "error": "error executing template \"{{.spec.replicas.x}}\": template: output:1:7: executing \"output\" at <.spec.replicas.x>: can't evaluate field x in type interface {}"},
  {"template": "{{.spec.none.x}}", "error": "error executing template \"{{.spec.none.x}}\": template: output:1:7: executing \"output\" at <.spec.none.x>: nil pointer evaluating interface {}.x"},
  {"template": "{{index .spec.list 5}}", "error": "error executing template \"{{index .spec.list 5}}\": template: output:1:2: executing \"output\" at <index .spec.list 5>: error calling index: index out of range: 5"},
  {"template": "{{index .spec.list \"a\"}}", "error": "error executing template \"{{index .spec.list \\\"a\\\"}}\": template: output:1:2: executing \"output\" at <index .spec.list \"a\">: error calling index: cannot index slice/array with type string"},
  {"template": "{{index .metadata.labels 1}}", "error": "error executing template \"{{index .metadata.labels 1}}\": template: output:1:2: executing \"output\" at <index .metadata.labels 1>: error calling index: value has type int; should be string"},
  {"template": "{{len .spec.replicas}}", "error": "error executing template \"{{len .spec.replicas}}\": template: output:1:2: executing \"output\" at <len .spec.replicas>: error calling len: len of type int64"},
  {"template": "{{template \"nope\"}}", "error": "error executing template \"{{template \\\"nope\\\"}}\": template: output:1:11: executing \"output\" at <{{template \"nope\"}}>: template \"nope\" not defined"},
  {"template": "{{.metadata.name 1}}", "error": "error executing template \"{{.metadata.name 1}}\": template: output:1:11: executing \"output\" at <.metadata.name>: name is not a method but has arguments"},
  {"template": "{{nil}}", "error": "error executing template \"{{nil}}\": template: output:1:2: executing \"output\" at <nil>: nil is not a command"},
  {"template": "{{.a, }}", "error": "error parsing template {{.a, }}, template: output:1: unexpected \",\" in operand"},
  {"template": "{{.metadata.name", "error": "error parsing template {{.metadata.name, template: output:1: unclosed action"},
  {"template": "{{if .a}}x", "error": "error parsing template {{if .a}}x, template: output:1: unexpected EOF"},
  {"template": "{{end}}", "error": "error parsing template {{end}}, template: output:1: unexpected {{end}}"},
  {"template": "{{else}}", "error": "error parsing template {{else}}, template: output:1: unexpected {{else}}"},
  {"template": "{{foo 1}}", "error": "error parsing template {{foo 1}}, template: output:1: function \"foo\" not defined"},
  {"template": "{{$y}}", "error": "error parsing template {{$y}}, template: output:1: undefined variable \"$y\""},
  {"template": "{{1 | 2}}", "error": "error parsing template {{1 | 2}}, template: output:1: non executable command in pipeline stage 2"},
  {"template": "{{\"unterminated}}", "error": "error parsing template {{\"unterminated}}, template: output:1: unterminated quoted string"},
  {"template": "{{/* unclosed", "error": "error parsing template {{/* unclosed, template: output:1: unclosed comment"},
  {"template": "{{.a | }}", "out": "<no value>"},
  {"template": "{{range $a, $b, $c := .x}}{{end}}", "error": "error parsing template {{range $a, $b, $c := .x}}{{end}}, template: output:1: too many declarations in range"},
  {"template": "{{if}}{{end}}", "error": "error parsing template {{if}}{{end}}, template: output:1: missing value for if"},
  {"template": "{{break}}", "error": "error parsing template {{break}}, template: output:1: {{break}} outside {{range}}"},
  {"template": "{{'ab'}}", "error": "error parsing template {{'ab'}}, template: output:1: malformed character constant: 'ab'"},
  {"template": "{{3x}}", "error": "error parsing template {{3x}}, template: output:1: bad number syntax: \"3x\""},
  {"template": "{{.a.}}", "error": "error parsing template {{.a.}}, template: output:1: unexpected <.> in operand"},
  {"template": "{{printf}}", "error": "error executing template \"{{printf}}\": template: output:1:2: executing \"output\" at <printf>: wrong number of args for printf: want at least 1 got 0"},
  {"template": "{{len 1 2}}", "error": "error executing template \"{{len 1 2}}\": template: output:1:2: executing \"output\" at <len>: wrong number of args for len: want 1 got 2"},
  {"template": "{{not}}", "error": "error executing template \"{{not}}\": template: output:1:2: executing \"output\" at <not>: wrong number of args for not: want 1 got 0"},
  {"template": "{{index nil 1}}", "error": "error executing template \"{{index nil 1}}\": template: output:1:2: executing \"output\" at <index nil 1>: error calling index: index of untyped nil"},
  {"template": "{{.metadata.name | len | printf \"%d%s\" }}", "out": "3%!s(MISSING)"},
  {"template": "x {{ .metadata.name }} y", "out": "x web y"},
  {"template": "{{range .spec.nested}}{{.}}{{end}}", "out": "map[c:deep]"},
  {"template": "{{range .metadata.name}}{{.}}{{end}}", "error": "error executing template \"{{range .metadata.name}}{{.}}{{end}}\": template: output:1:17: executing \"output\" at <.metadata.name>: range can't iterate over web"},
  {"template": "{{call .metadata.name}}", "error": "error executing template \"{{call .metadata.name}}\": template: output:1:2: executing \"output\" at <call .metadata.name>: error calling call: non-function .metadata.name of type string"},
  {"template": "{{and}}", "error": "error executing template \"{{and}}\": template: output:1:2: executing \"output\" at <and>: wrong number of args for and: want at least 1 got 0"},
  {"template": "{{printf 3}}", "error": "error executing template \"{{printf 3}}\": template: output:1:9: executing \"output\" at <3>: expected string; found 3"},
  {"template": "{{base64decode 3}}", "error": "error executing template \"{{base64decode 3}}\": template: output:1:15: executing \"output\" at <3>: expected string; found 3"},
  {"template": "{{base64decode .spec.replicas}}", "error": "error executing template \"{{base64decode .spec.replicas}}\": template: output:1:20: executing \"output\" at <.spec.replicas>: wrong type for value; expected string; got int64"},
  {"template": "{{0x1F}} {{1e3}} {{'a'}} {{1_000}} {{017}} {{-5}} {{+3}} {{.5}} {{1.0}}", "out": "31 1000 97 1000 15 -5 3 0.5 1"},
  {"template": "{{printf \"%v %v\" 1.0 1e6}}", "out": "1 1e+06"},
  {"template": "{{if and .spec.on (eq (len .nodes) 2)}}two{{end}}", "out": "two"},
  {"template": "{{range .nodes}}{{if .status.numberReady}}{{.metadata.name}} ready{{else}}{{.metadata.name}} not{{end}};{{end}}", "out": "node-1 ready;node-2 not;"},
  {"template": "{{println}}{{print \"x\" .spec.none \"y\" 1 2}}", "out": "\nx<nil>y1 2"},
  {"template": "{{printf \"%6.2f|%-8.3e|%+.1f|% d|%x\" .spec.ratio .spec.big .spec.ratio 5 \"hi\"}}", "out": "  0.25|1.235e+06|+0.2| 5|6869"},
  {"template": "{{printf \"%[2]s %[1]s\" \"a\" \"b\"}}|{{printf \"%*d\" 5 3}}|{{printf \"%.*f\" 1 .spec.ratio}}", "out": "b a|    3|0.2"},
  {"template": "{{printf \"%s\" .spec.nested}}|{{printf \"%d\" .spec.nested}}", "out": "map[b:map[c:deep]]|map[%!d(string=b):map[%!d(string=c):%!d(string=deep)]]"},
  {"template": "{{printf \"%q\" .spec.list}}|{{printf \"%x\" .spec.list}}|{{printf \"%5v\" .spec.list}}", "out": "[\"a\" \"b\" \"c\"]|[61 62 63]|[    a     b     c]"},
  {"template": "{{define \"row\"}}{{.metadata.name}}{{.x.y}}{{end}}{{range .nodes}}{{template \"row\" .}}{{end}}", "out": "node-1<no value>node-2<no value>"},
  {"template": "line1\n{{.metadata.name}}\n  {{.spec.none.x}}", "error": "error executing template \"line1\\n{{.metadata.name}}\\n  {{.spec.none.x}}\": template: output:3:9: executing \"output\" at <.spec.none.x>: nil pointer evaluating interface {}.x", "partial": "line1\nweb\n  "},
  {"template": "{{if .a}}\n{{else}}\n{{end\n}}", "out": "\n"},
  {"template": "{{range .nodes}}\n  {{- .metadata.name }}\n{{- end}}\n", "out": "node-1node-2\n"},
  {"template": "{{/* c */}}x{{- /* c2 */}}  y", "out": "x  y"},
  {"template": "{{/*c*/ .a}}", "error": "error parsing template {{/*c*/ .a}}, template: output:1: comment ends before closing delimiter"},
  {"template": "{{ $n := len .nodes }}{{ if gt $n 1 }}many{{ end }}", "out": "many"},
  {"template": "{{range $i, $e := .spec.list}}{{if $i}}, {{end}}{{$e}}{{end}}", "out": "a, b, c"},
  {"template": "{{with $x := .metadata}}{{$x.name}}{{end}}{{$x}}", "error": "error parsing template {{with $x := .metadata}}{{$x.name}}{{end}}{{$x}}, template: output:1: undefined variable \"$x\""},
  {"template": "{{range .nodes}}{{$.kind}}/{{.metadata.name}} {{end}}", "out": "ConfigMap/node-1 ConfigMap/node-2 "},
  {"template": "{{template \"x\" .}}{{define \"x\"}}X{{.kind}}{{end}}", "out": "XConfigMap"},
  {"template": "{{define \"a\"}}a{{end}}{{define \"a\"}}b{{end}}", "error": "error parsing template {{define \"a\"}}a{{end}}{{define \"a\"}}b{{end}}, template: output:1: template: multiple definition of template \"a\""},
  {"template": "{{define \"a\"}}{{end}}", "out": ""},
  {"template": "{{.metadata.labels.app | printf \"%q\" | len}}", "out": "5"},
  {"template": "{{printf \"%5.1f%%\" 99.44}}", "out": " 99.4%"},
  {"template": "{{printf \"%08.3f|%-8.2f|%+d|%x|% x|%#x|%#o|%#v|%#v|%#v\" -3.14159 2.5 -4 \"abc\" \"abc\" 255 8 .metadata.name .spec.replicas .spec.none}}", "out": "-003.142|2.50    |-4|616263|61 62 63|0xff|010|\"web\"|3|<nil>"},
  {"template": "{{printf \"%v %v %v %v %v\" 100000.0 1000000.0 0.0001 0.00001 123456789.0}}", "out": "100000 1e+06 0.0001 1e-05 1.23456789e+08"},
  {"template": "{{printf \"%g %g %.3g %.10g %e\" 100000.0 1e21 1234.5678 1.0 0.0}}", "out": "100000 1e+21 1.23e+03 1 0.000000e+00"},
  {"template": "{{printf \"%s %d\" .spec.on .spec.on}}", "out": "%!s(bool=true) %!d(bool=true)"},
  {"template": "{{printf \"%c|%q|%U\" 0x1F600 10 0x1F600}}", "out": "😀|'\\n'|U+1F600"},
  {"template": "{{index .metadata.name 0}} {{printf \"%T\" (index .metadata.name 0)}}", "out": "119 uint8"},
  {"template": "{{slice .spec.list 1 2 3}}", "out": "[b]"},
  {"template": "{{slice .metadata.name 0 1 2}}", "error": "error executing template \"{{slice .metadata.name 0 1 2}}\": template: output:1:2: executing \"output\" at <slice .metadata.name 0 1 2>: error calling slice: cannot 3-index slice a string"},
  {"template": "{{slice .spec.list 0 4}}", "out": "[a b c <nil>]"},
  {"template": "{{len .spec.none}}", "error": "error executing template \"{{len .spec.none}}\": template: output:1:2: executing \"output\" at <len .spec.none>: error calling len: len of nil pointer"},
  {"template": "{{index .spec.none 0}}", "error": "error executing template \"{{index .spec.none 0}}\": template: output:1:2: executing \"output\" at <index .spec.none 0>: error calling index: index of untyped nil"},
  {"template": "{{.spec.list.x}}", "error": "error executing template \"{{.spec.list.x}}\": template: output:1:7: executing \"output\" at <.spec.list.x>: can't evaluate field x in type interface {}"},
  {"template": "{{$.spec.replicas.x.y}}", "error": "error executing template \"{{$.spec.replicas.x.y}}\": template: output:1:3: executing \"output\" at <$.spec.replicas.x.y>: can't evaluate field x in type interface {}"},
  {"template": "{{(.metadata).name}}", "out": "web"},
  {"template": "{{(.spec.none).x}}", "out": "<no value>"},
  {"template": "{{.spec | len}}", "out": "15"},
  {"template": "{{eq 1 1.0}}", "error": "error executing template \"{{eq 1 1.0}}\": template: output:1:2: executing \"output\" at <eq 1 1.0>: error calling eq: incompatible types for comparison"},
  {"template": "{{eq \"a\" .spec.missing}}", "out": "false"},
  {"template": "{{eq .spec.list .spec.list}}", "error": "error executing template \"{{eq .spec.list .spec.list}}\": template: output:1:2: executing \"output\" at <eq .spec.list .spec.list>: error calling eq: non-comparable type [a b c]: []interface {}"},
  {"template": "{{eq .spec.list .spec.nested}}", "error": "error executing template \"{{eq .spec.list .spec.nested}}\": template: output:1:2: executing \"output\" at <eq .spec.list .spec.nested>: error calling eq: non-comparable types [a b c]: []interface {}, map[string]interface {}: map[b:map[c:deep]]"},
  {"template": "{{ne 1}}", "error": "error executing template \"{{ne 1}}\": template: output:1:2: executing \"output\" at <ne>: wrong number of args for ne: want 2 got 1"},
  {"template": "{{lt .spec.missing 1}}", "error": "error executing template \"{{lt .spec.missing 1}}\": template: output:1:2: executing \"output\" at <lt .spec.missing 1>: error calling lt: invalid type for comparison"},
  {"template": "{{not .spec.none}} {{not .spec.missing}} {{and .spec.missing 1}} {{or .spec.none 0}}", "out": "true true <no value> 0"},
  {"template": "{{and 1 (index .spec.list 9)}}", "error": "error executing template \"{{and 1 (index .spec.list 9)}}\": template: output:1:9: executing \"output\" at <index .spec.list 9>: error calling index: index out of range: 9"},
  {"template": "{{or 1 (index .spec.list 9)}}", "out": "1"},
  {"template": "{{print .spec.missing}} {{print .spec.none .spec.none}} {{println .spec.list .spec.nested}}", "out": "<nil> <nil> <nil> [a b c] map[b:map[c:deep]]\n"},
  {"template": "{{js .metadata.annotations.note}} {{js \"\\u00e9\\u00a0\\t\"}} {{urlquery \"~._-\" 3}}", "out": "\\u003Ca\\u0026b\\u003E é\\u00A0\\u0009 ~._-3"},
  {"template": "{{html \"a\" 1 2}} {{html}}", "out": "a1 2 "},
  {"template": "{{exists .spec \"list\" 0}} {{exists .spec.missing}} {{exists . \"spec\" \"none\"}} {{exists .spec.list \"a\"}} {{exists .metadata.name 0}}", "out": "true true false false true"},
  {"template": "{{base64decode \"aGk\"}}", "error": "error executing template \"{{base64decode \\\"aGk\\\"}}\": template: output:1:2: executing \"output\" at <base64decode \"aGk\">: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0"},
  {"template": "{{base64decode \"aGk=x\"}}", "error": "error executing template \"{{base64decode \\\"aGk=x\\\"}}\": template: output:1:2: executing \"output\" at <base64decode \"aGk=x\">: error calling base64decode: base64 decode failed: illegal base64 data at input byte 4"},
  {"template": "{{base64decode \"a\"}}", "error": "error executing template \"{{base64decode \\\"a\\\"}}\": template: output:1:2: executing \"output\" at <base64decode \"a\">: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0"},
  {"template": "{{base64decode \"\"}}|", "out": "|"},
  {"template": "{{.metadata.name | base64decode}}", "error": "error executing template \"{{.metadata.name | base64decode}}\": template: output:1:19: executing \"output\" at <base64decode>: error calling base64decode: base64 decode failed: illegal base64 data at input byte 0"},
  {"template": "{{range $k, $v := .spec.nested}}{{$k}}={{$v}}{{end}}", "out": "b=map[c:deep]"},
  {"template": "{{range $v := .spec.list}}{{$v}}{{end}}", "out": "abc"},
  {"template": "{{range $i, $v = .spec.list}}{{end}}", "error": "error executing template \"{{range $i, $v = .spec.list}}{{end}}\": template: output:1:22: executing \"output\" at <.spec.list>: undefined variable: $i"},
  {"template": "{{$x := 1}}{{range .spec.list}}{{$x = .}}{{end}}{{$x}}", "out": "c"},
  {"template": "{{if $x := .spec.replicas}}{{$x}}{{end}}", "out": "3"},
  {"template": "{{range .spec.list}}{{break 1}}{{end}}", "error": "error parsing template {{range .spec.list}}{{break 1}}{{end}}, template: output:1: unexpected \"1\" in {{break}}"},
  {"template": "{{range .spec.list}}{{else}}{{break}}{{end}}", "error": "error parsing template {{range .spec.list}}{{else}}{{break}}{{end}}, template: output:1: {{break}} outside {{range}}"},
  {"template": "{{with .spec}}{{continue}}{{end}}", "error": "error parsing template {{with .spec}}{{continue}}{{end}}, template: output:1: {{continue}} outside {{range}}"},
  {"template": "{{.kind}}{{\"\\t\"}}{{'\\n'}}{{`raw\\n`}}", "out": "ConfigMap\t10raw\\n"},
  {"template": "{{\"\\x41\\101\\u00e9\"}}", "out": "AAé"},
  {"template": "{{\"bad\\q\"}}", "error": "error parsing template {{\"bad\\q\"}}, template: output:1: invalid syntax"},
  {"template": "{{99999999999999999999}}", "error": "error parsing template {{99999999999999999999}}, template: output:1: integer overflow: \"99999999999999999999\""},
  {"template": "{{.a|.b}}", "error": "error executing template \"{{.a|.b}}\": template: output:1:5: executing \"output\" at <.b>: b is not a method but has arguments"},
  {"template": "{{.metadata.name | .kind}}", "error": "error executing template \"{{.metadata.name | .kind}}\": template: output:1:19: executing \"output\" at <.kind>: kind is not a method but has arguments"},
  {"template": "{{(1)}}", "out": "1"},
  {"template": "{{(1).x}}", "error": "error executing template \"{{(1).x}}\": template: output:1:3: executing \"output\" at <1>: can't evaluate field x in type int"},
  {"template": "{{.metadata.name)}}", "error": "error parsing template {{.metadata.name)}}, template: output:1: unexpected right paren"},
  {"template": "{{(.metadata.name}}", "error": "error parsing template {{(.metadata.name}}, template: output:1: unclosed left paren"},
  {"template": "{{#}}", "error": "error parsing template {{#}}, template: output:1: unexpected \"#\" in command"},
  {"template": "{{.metadata.name -}}\n\n  x", "out": "webx"},
  {"template": "{{- .metadata.name}}", "out": "web"},
  {"template": "{{-3}}", "out": "-3"},
  {"template": "{{.metadata.name-}}", "error": "error parsing template {{.metadata.name-}}, template: output:1: bad character U+002D '-'"},
  {"template": "{{3 -}}x", "out": "3x"},
  {"template": "é{{.metadata.name}}{{.x.y.z}}", "out": "éweb<no value>"},
  {"template": "{{template \"a\" 1 2}}", "error": "error executing template \"{{template \\\"a\\\" 1 2}}\": template: output:1:11: executing \"output\" at <{{template \"a\" 1 2}}>: template \"a\" not defined"},
  {"template": "{{block \"a\"}}x{{end}}", "error": "error parsing template {{block \"a\"}}x{{end}}, template: output:1: missing value for block clause"},
  {"template": "{{define}}{{end}}", "error": "error parsing template {{define}}{{end}}, template: output:1: unexpected \"}}\" in define clause"},
  {"template": "{{define \"x\" 1}}{{end}}", "error": "error parsing template {{define \"x\" 1}}{{end}}, template: output:1: unexpected \"1\" in define clause"},
  {"template": "{{if 1}}{{define \"x\"}}{{end}}{{end}}", "error": "error parsing template {{if 1}}{{define \"x\"}}{{end}}{{end}}, template: output:1: unexpected <define> in command"},
  {"template": "{{else if 1}}", "error": "error parsing template {{else if 1}}, template: output:1: unexpected {{else}}"},
  {"template": "{{if 1}}a{{else}}b{{else}}c{{end}}", "error": "error parsing template {{if 1}}a{{else}}b{{else}}c{{end}}, template: output:1: expected end; found {{else}}"},
  {"template": "{{with 1}}a{{else if 1}}b{{end}}", "error": "error parsing template {{with 1}}a{{else if 1}}b{{end}}, template: output:1: unexpected <if> in input"},
  {"template": "{{range .spec.list}}a{{else with 1}}b{{end}}", "error": "error parsing template {{range .spec.list}}a{{else with 1}}b{{end}}, template: output:1: unexpected <with> in input"},
  {"template": "{{$x := 1}}{{$x := 2}}{{$x}}", "out": "2"},
  {"template": "{{$x, $y := 1}}", "error": "error parsing template {{$x, $y := 1}}, template: output:1: too many declarations in command"},
  {"template": "{{range $x := .spec.list}}{{end}}{{$x}}", "error": "error parsing template {{range $x := .spec.list}}{{end}}{{$x}}, template: output:1: undefined variable \"$x\""},
  {"template": "{{$}}", "out": "map[apiVersion:v1 data:map[bad:!!! empty: token:aGVsbG8gd29ybGQ=] kind:ConfigMap metadata:map[annotations:map[note:<a&b>] labels:map[app:web tier:front] name:web namespace:default] nodes:[map[metadata:map[labels:map[zone:a] name:node-1] status:map[numberReady:3]] map[metadata:map[name:node-2] status:map[numberReady:0]]] spec:map[big:1.2345675e+06 empty:[] emptymap:map[] huge:1e+21 list:[a b c] mixed:[1 x <nil> map[k:v]] neg:-2 nested:map[b:map[c:deep]] none:<nil> off:false on:true ratio:0.25 replicas:3 tiny:1.234e-05 unschedulable:true]]"},
  {"template": "{{printf \"%s\" $}}", "out": "map[apiVersion:v1 data:map[bad:!!! empty: token:aGVsbG8gd29ybGQ=] kind:ConfigMap metadata:map[annotations:map[note:<a&b>] labels:map[app:web tier:front] name:web namespace:default] nodes:[map[metadata:map[labels:map[zone:a] name:node-1] status:map[numberReady:%!s(int64=3)]] map[metadata:map[name:node-2] status:map[numberReady:%!s(int64=0)]]] spec:map[big:%!s(float64=1.2345675e+06) empty:[] emptymap:map[] huge:%!s(float64=1e+21) list:[a b c] mixed:[%!s(int64=1) x <nil> map[k:v]] neg:%!s(int64=-2) nested:map[b:map[c:deep]] none:<nil> off:%!s(bool=false) on:%!s(bool=true) ratio:%!s(float64=0.25) replicas:%!s(int64=3) tiny:%!s(float64=1.234e-05) unschedulable:%!s(bool=true)]]"},
];

function run(template: string): { out: string; error?: string; stdout?: string } {
  try {
    return { out: printGoTemplate(template, FIXTURE) };
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return { out: '', error: e.message, stdout: e.stdout };
  }
}

describe('printGoTemplate (kubectl -o go-template)', () => {
  it.each(GOLDEN)('$template', ({ template, out, error, partial }) => {
    const got = run(template);
    if (error === undefined) {
      expect(got.error).toBeUndefined();
      expect(got.out).toBe(out);
      return;
    }
    expect(got.error).toBe(error);
    // A parse error prints nothing; an execution error prints the output so far, then the dump.
    if (error.startsWith('error parsing template')) expect(got.stdout).toBe('');
    else expect(got.stdout!.slice(0, got.stdout!.indexOf('Error executing template: '))).toBe(partial ?? '');
  });

  it('dumps the template, the raw JSON and the object after an execution error, as kubectl does', () => {
    const got = run("line1\n{{.metadata.name}}\n  {{.spec.none.x}}");
    expect(got.stdout).toBe("line1\nweb\n  Error executing template: template: output:3:9: executing \"output\" at <.spec.none.x>: nil pointer evaluating interface {}.x. Printing more information for debugging the template:\n\ttemplate was:\n\t\tline1\n{{.metadata.name}}\n  {{.spec.none.x}}\n\traw data was:\n\t\t{\"apiVersion\":\"v1\",\"data\":{\"bad\":\"!!!\",\"empty\":\"\",\"token\":\"aGVsbG8gd29ybGQ=\"},\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{\"note\":\"\\u003ca\\u0026b\\u003e\"},\"labels\":{\"app\":\"web\",\"tier\":\"front\"},\"name\":\"web\",\"namespace\":\"default\"},\"nodes\":[{\"metadata\":{\"labels\":{\"zone\":\"a\"},\"name\":\"node-1\"},\"status\":{\"numberReady\":3}},{\"metadata\":{\"name\":\"node-2\"},\"status\":{\"numberReady\":0}}],\"spec\":{\"big\":1234567.5,\"empty\":[],\"emptymap\":{},\"huge\":1e+21,\"list\":[\"a\",\"b\",\"c\"],\"mixed\":[1,\"x\",null,{\"k\":\"v\"}],\"neg\":-2,\"nested\":{\"b\":{\"c\":\"deep\"}},\"none\":null,\"off\":false,\"on\":true,\"ratio\":0.25,\"replicas\":3,\"tiny\":0.00001234,\"unschedulable\":true}}\n\tobject given to template engine was:\n\t\tmap[apiVersion:v1 data:map[bad:!!! empty: token:aGVsbG8gd29ybGQ=] kind:ConfigMap metadata:map[annotations:map[note:<a&b>] labels:map[app:web tier:front] name:web namespace:default] nodes:[map[metadata:map[labels:map[zone:a] name:node-1] status:map[numberReady:3]] map[metadata:map[name:node-2] status:map[numberReady:0]]] spec:map[big:1.2345675e+06 empty:[] emptymap:map[] huge:1e+21 list:[a b c] mixed:[1 x <nil> map[k:v]] neg:-2 nested:map[b:map[c:deep]] none:<nil> off:false on:true ratio:0.25 replicas:3 tiny:1.234e-05 unschedulable:true]]\n\n");
  });
});
