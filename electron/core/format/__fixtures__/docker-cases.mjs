// Inputs for record-docker.mjs (and read back by the tests through docker-golden.json).

// An image as the Engine API (v1.50) returns it. Every string field of Docker's
// typed struct is present so the typed and raw views agree; Labels keys are in
// Go's sorted order because Go's encoder sorts map keys. `Extra` is not part of
// Docker's struct, so templates touching it run on docker's raw-map fallback.
export const IMAGE = {
  Id: 'sha256:4eacea30377a698ef8fbec99b6caf01cb150151cbedc8e0b1c3d22f134206f1a',
  RepoTags: ['debian:bookworm', 'localhost:5000/debian:12'],
  RepoDigests: ['debian@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
  Parent: '',
  Comment: '',
  Created: '2024-05-14T01:02:03.123456789Z',
  DockerVersion: '',
  Author: '',
  Config: {
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'X=<a&b>'],
    Cmd: ['bash'],
    Labels: { 'com.example.empty': '', 'com.example.vendor': 'ACME & Co <tools>', 'org.opencontainers.image.title': '中文 title' },
  },
  Architecture: 'amd64',
  Variant: '',
  Os: 'linux',
  OsVersion: '',
  Size: 124567890,
  GraphDriver: { Data: { MergedDir: '/var/lib/docker/overlay2/x/merged' }, Name: 'overlay2' },
  RootFS: { Type: 'layers', Layers: ['sha256:aaa', 'sha256:bbb', 'sha256:ccc'] },
  Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  Extra: {
    n: null, s: 'str', num: 12.5, big: 123456789, t: true, f: false, empty: '',
    arr: [1, 'a', null, { k: 'v' }], strs: ['x', 'y', 'z'], m: { b: 2, a: [1, 2] }, e: {}, ea: [],
    html: '<a href="x">&</a>\u2028', uni: 'héllo wörld ǆ ß', multi: 'a\tb\nc',
  },
};

// Cases whose docker output depends on Go's typed structs rather than on the
// template engine: `.` and `.Metadata.LastTagTime` print Go struct/time.Time
// values, and an empty format is not a template at all. On docker's raw
// fallback numbers are json.Number, a Go string type, so `index .Size 1`
// indexes its digits and type errors name json.Number; Berth keeps numbers
// numbers (what the typed pass sees) and accepts the difference there.
export const TYPED_ONLY = ['{{.}}', '{{$}}', '{{.Metadata.LastTagTime}}', '', '{{index .Size 1}}', '{{upper .Size}}'];

export const INSPECT_CASES = [
  // fields, dot, maps
  '{{.Id}}', '{{.Size}}', '{{.Os}}/{{.Architecture}}', '{{.RepoTags}}', '{{.RepoDigests}}', '{{.RootFS.Layers}}',
  '{{.Config.Env}}', '{{.Config.Labels}}', '{{.GraphDriver.Data}}', '{{.GraphDriver.Data.MergedDir}}',
  '{{.Config.Labels.nope}}', '{{.Config.Labels.nope.deeper}}', '{{index .Config.Labels "nope"}}|',
  '{{index .Config.Labels "com.example.vendor"}}', '{{.Comment}}|{{.Author}}|', '{{.Metadata.LastTagTime}}',
  '{{.Extra.s}}', '{{.Extra.n}}', '{{.Extra.arr}}', '{{.Extra.m}}', '{{.Extra.e}}{{.Extra.ea}}', '{{.Extra.num}} {{.Extra.big}}',
  '{{.Extra.t}} {{.Extra.f}}', '{{.Extra.uni}}', '{{.Extra.multi}}', '{{.Extra.html}}', '{{with .Extra}}{{.s}}{{end}}',
  // json
  '{{json .RepoTags}}', '{{json .Config}}', '{{json .Config.Labels}}', '{{json .RootFS}}', '{{json .Metadata}}',
  '{{json .Size}}', '{{json .Os}}', '{{json .Extra.html}}', '{{json .Extra.arr}}', '{{json .Extra.n}}', '{{json .Extra.multi}}',
  '{{json .Config.Labels.nope}}', '{{.RepoTags | json}}', '{{json "a\\u00e9\\x01"}}',
  // range
  '{{range .RepoTags}}[{{.}}]{{end}}', '{{range $i, $t := .RepoTags}}{{$i}}:{{$t}} {{end}}',
  '{{range $t := .RepoTags}}{{$t}};{{end}}', '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}}\n{{end}}',
  '{{range .Config.Labels}}<{{.}}>{{end}}', '{{range .RepoDigests}}x{{else}}none{{end}}', '{{range .Extra.ea}}x{{else}}empty{{end}}',
  '{{range .Extra.n}}x{{else}}nil{{end}}', '{{range 3}}{{.}}{{end}}', '{{range $i := 2}}{{$i}}{{end}}',
  '{{range .RootFS.Layers}}{{if eq . "sha256:bbb"}}{{break}}{{end}}{{.}} {{end}}',
  '{{range .RootFS.Layers}}{{if eq . "sha256:bbb"}}{{continue}}{{end}}{{.}} {{end}}',
  '{{range $i, $e := .Extra.arr}}{{$i}}={{$e}};{{end}}', '{{range .Extra.num}}x{{end}}', '{{range $a, $b := 3}}{{end}}',
  // conditionals
  '{{if .RepoTags}}tagged{{else}}dangling{{end}}', '{{if .Comment}}c{{else if .Author}}a{{else}}none{{end}}',
  '{{if eq .Os "linux"}}L{{else if eq .Os "windows"}}W{{end}}', '{{with .Config.Labels.nope}}x{{else}}no label{{end}}',
  '{{with .GraphDriver}}{{.Name}}{{end}}', '{{with $x := .Os}}{{$x}}{{end}}', '{{if and .RepoTags (not .Comment)}}ok{{end}}',
  '{{with .Comment}}c{{else with .Os}}os={{.}}{{end}}', '{{if .Extra.n}}y{{else}}n{{end}}', '{{if .Extra.e}}y{{else}}n{{end}}',
  // comparisons, logic
  '{{eq .Os "linux"}} {{eq .Os "a" "b" "linux"}} {{ne .Os "linux"}}', '{{eq .Size 124567890}}', '{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 3 2}}',
  '{{lt "abc" "abd"}} {{gt "b" "a"}}', '{{eq 1 1.0}}', '{{lt true false}}', '{{eq .RepoTags .RepoTags}}', '{{eq .Config.Labels.nope "x"}}',
  '{{eq 1}}', '{{and 1 0 "x"}} {{and 1 "x"}} {{or 0 "" "y"}} {{or 0 ""}}|', '{{not .Comment}} {{not .Os}}', '{{and}}',
  '{{eq .Extra.n nil}}', '{{if or .Comment .Os}}{{.Os}}{{end}}',
  // functions
  '{{len .RepoTags}} {{len .Os}} {{len .Config.Labels}} {{len "héllo"}}', '{{index .RepoTags 1}}', '{{index .RepoTags 5}}',
  '{{index .Extra.arr 3 "k"}}', '{{index "abc" 1}}', '{{index .Size 1}}', '{{slice "abcdef" 1 3}} {{slice .RepoTags 1}}',
  '{{join .RepoTags ", "}}', '{{split "a,b,,c" ","}}', '{{split "ab" ""}}', '{{upper .Os}} {{lower "ÀB"}} {{title "hello big-world x_y"}}',
  '{{pad .Os 2 3}}|{{pad "" 2 3}}|', '{{truncate .Id 19}}', '{{truncate "ab" 5}}', '{{upper .Size}}', '{{upper .Config.Labels.nope}}',
  '{{print "a" "b" 1 2 "c" nil}}', '{{println .Os 1}}', '{{print}}|{{println}}|', '{{html "<a&b>"}} {{urlquery "a b&c=d/é"}} {{js "it\'s <x>"}}',
  // printf
  '{{printf "%s:%d" .Os 5}}', '{{printf "%-10s|%10s|" "ab" "cd"}}', '{{printf "%05d|%+d|%x|%X|%o|%b" 42 42 255 255 8 5}}',
  '{{printf "%q %q %v %t" "a\\"b" .RepoTags nil true}}', '{{printf "%.2f %e %g %G %8.3f|" 3.14159 1234.5678 0.000012 1e21 2.5}}',
  '{{printf "%5.1f %.0f %.0f %.1f" 2.25 0.5 1.5 0.05}}', '{{printf "%d" "x"}} {{printf "%s" 5}} {{printf "%d"}} {{printf "%s" 1 2}}',
  '{{printf "%z" 1}} {{printf "%c%c" 72 105}} {{printf "%U" 0x1F600}} {{printf "%%"}}', '{{printf "%v %d" .Size .Size}}',
  '{{printf "%T %T %T %T" 1 "s" 1.5 true}}', '{{printf "%6.2s|" "abcdef"}}', '{{printf "%x" "hi"}} {{printf "% x" "hi"}}',
  '{{printf "%v" .Config.Labels}}', '{{printf "%s" .Config.Env}}', '{{printf "%q" 65}}', '{{printf "%#q" "raw"}}',
  // literals, variables, pipelines, whitespace, comments
  '{{"str"}} {{`raw\\n`}} {{1}} {{-2}} {{1.5}} {{1e3}} {{0x1F}} {{0o17}} {{1_000}} {{\'a\'}} {{true}}',
  '{{1234567.0}} {{100000.0}} {{1e21}} {{0.00001}} {{0.0001}}', '{{$}}', '{{$.Os}}', '{{$x := .Os}}{{$x}}',
  '{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', '{{$x := "a"}}{{range .RepoTags}}{{$x}}{{end}}',
  '{{.Os | printf "%s!"}}', '{{.Os | len}}', '{{"abc" | upper | printf "%s-%s" "x"}}', '{{(len .RepoTags)}}',
  '{{(index .RepoTags 0) | upper}}', '{{(.GraphDriver).Name}}', '{{.}}',
  'a  {{- .Os -}}  b', 'a {{- /* comment */ -}} b', 'x{{/* c */}}y', '{{- .Os}}\n  {{- .Architecture -}}\n  !',
  '{{ .Os }}', '{{.Os\n}}', 'line1\n{{.Nope}}', 'text only', '',
  // execution errors
  '{{.Nope}}', '{{.Nope.Deeper}}', '{{.Config.Nope}}', '{{.Extra.n.x}}', '{{.Extra.s.x}}', '{{.Config.Env.x}}', '{{.Os 1}}',
  '{{nil}}', '{{"a" 1}}', '{{$x := .Os}}{{$x 1}}', '{{len .Extra.n}}', '{{index .Extra.n 1}}', '{{index .Config.Labels 1}}',
  '{{slice "abc" 2 1}}', '{{printf 1}}', '{{pad .Os "a" 1}}', '{{truncate .Os 1.5}}', '{{title 1}}',
  // parse errors
  '{{', '{{.Os', '{{.Os}', '}}{{', '{{if}}', '{{if .Os}}', '{{end}}', '{{else}}', '{{range}}{{end}}', '{{nofunc 1}}',
  '{{$nope}}', '{{.Os | 1}}', '{{"unterminated}}', '{{`raw}}', "{{'ab'}}", '{{1a}}', '{{.Os |}}', '{{(}}', '{{)}}', '{{.Os)}}',
  '{{/* unclosed }}', '{{/* x */ .Os}}', '{{if .Os}}{{else}}{{else}}{{end}}', '{{range $a, $b, $c := .RepoTags}}{{end}}',
  '{{$x := 1 2}}', '{{.Os.}}', '{{"a".b}}', '{{break}}', '{{with .Os}}{{continue}}{{end}}', '{{@}}', '{{.Os €}}', '{{"\\q"}}',
  '{{1 | .Os}}', '{{template "x"}}', '{{.Os}}\n{{if}}', '{{$x = 1}}', '{{3 |}}', '{{.A|.B|3}}',
];

// GET /images/json: what `docker images` lists.
export const LIST = [
  { Id: 'sha256:4eacea30377a698ef8fbec99b6caf01cb150151cbedc8e0b1c3d22f134206f1a', ParentId: '', RepoTags: ['debian:bookworm'], RepoDigests: [], Created: 1715648523, Size: 124567890, SharedSize: -1, Labels: {}, Containers: -1 },
  { Id: 'sha256:77af4d6b9913e693e8d0b4b294fa62ade6054e6b2f1ffb617ac955dd63fb0182', ParentId: '', RepoTags: ['<none>:<none>'], RepoDigests: ['<none>@<none>'], Created: 1715600000, Size: 1125000, SharedSize: -1, Labels: {}, Containers: -1 },
  { Id: 'sha256:1111111111112222222222223333333333334444444444445555555555556666', ParentId: '', RepoTags: ['a-really-long-repository-name/with/path:v1.2.3-rc1'], RepoDigests: [], Created: 1715500000, Size: 999999, SharedSize: -1, Labels: {}, Containers: -1 },
  { Id: 'sha256:abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd', ParentId: '', RepoTags: ['x:1'], RepoDigests: [], Created: 1715400000, Size: 0, SharedSize: -1, Labels: {}, Containers: -1 },
  { Id: 'sha256:9999999999998888888888887777777777776666666666665555555555554444', ParentId: '', RepoTags: ['zh/image:v2'], RepoDigests: [], Created: 1715300000, Size: 1500000000, SharedSize: -1, Labels: {}, Containers: -1 },
];

export const TABLE_CASES = [
  'table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.Size}}',
  'table {{.ID}}\\t{{.Repository}}:{{.Tag}}',
  'table {{.Repository}}',
  'table {{.Size}}\\t{{.Repository}}\\t{{.Tag}}',
  'table {{upper .Repository}}\\t{{.Tag | json}}\\t{{pad .Size 1 1}}',
  '{{.Repository}}\\t{{.Tag}}',
  '{{.Repository}}:{{.Tag}} {{.Size}}',
  '{{json .Repository}}\\n{{.ID}}',
  'table   {{.Tag}}\\t\\t{{.ID}}  ',
];

// GET /images/search
export const SEARCH = [
  { name: 'library/nginx', description: 'Official build of Nginx.', star_count: 20000, is_official: true, is_automated: false },
  { name: 'someone/中文镜像', description: '这是一个非常非常长的中文描述，用来测试宽字符在表格中的截断和对齐效果是否正确', star_count: 12, is_official: false, is_automated: false },
  { name: 'x/y', description: 'A description that is definitely longer than forty-five cells wide', star_count: 0, is_official: false, is_automated: false },
  { name: 'mixed/文字', description: 'mixed 中文 and ascii text 混合 desc 说明', star_count: 3, is_official: false, is_automated: false },
  { name: 'tabs/desc', description: 'has\ta tab\nand newline', star_count: 1, is_official: false, is_automated: false },
  { name: 'emoji/one', description: 'émoji 🐳 whale ＡＢＣ fullwidth', star_count: 7, is_official: false, is_automated: false },
];

export const SEARCH_CASES = [[], ['--no-trunc'], ['--format', 'table {{.Name}}\\t{{.StarCount}}'], ['--format', '{{.Name}}: {{.Description}}']];
