import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../../shared/errors';
import { executeHeaderTemplate, executeTemplate, parseTemplate, renderInspect, renderTemplate } from './index';

const data = {
  Name: 'debian',
  Tags: ['bookworm', '12'],
  Size: 124567890,
  Ratio: 0.25,
  Empty: '',
  Nil: null,
  Zero: 0,
  Labels: { b: '2', a: '1', 'x.y': 'dotted' },
  Nested: { Inner: { Deep: 'yes' }, List: [{ K: 'v1' }, { K: 'v2' }] },
  Html: '<a&b>',
  Wide: '中文',
};

const render = (src: string, opts = {}) => renderTemplate(src, data, opts);

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BerthError);
    expect((e as BerthError).code).toBe('INVALID_ARGUMENT');
    return (e as BerthError).message;
  }
  throw new Error('expected an error');
}

describe('template output', () => {
  it.each<[string, string]>([
    // fields, dot, maps
    ['{{.Name}}', 'debian'],
    ['{{.Nested.Inner.Deep}}', 'yes'],
    ['{{.Labels.a}}', '1'],
    ['{{.Missing}}', '<no value>'],
    ['{{.Missing.Deeper}}', '<no value>'],
    ['{{.Nil}}', '<no value>'],
    ['{{.Tags}}', '[bookworm 12]'],
    ['{{.Labels}}', 'map[a:1 b:2 x.y:dotted]'],
    ['{{.Nested.List}}', '[map[K:v1] map[K:v2]]'],
    ['{{.Size}} {{.Ratio}} {{.Zero}}', '124567890 0.25 0'],
    ['{{with .Nested}}{{.Inner.Deep}}{{end}}', 'yes'],
    ['{{$.Name}}', 'debian'],
    // json
    ['{{json .Tags}}', '["bookworm","12"]'],
    ['{{json .Html}}', '"<a&b>"'],
    ['{{json .Labels}}', '{"b":"2","a":"1","x.y":"dotted"}'],
    ['{{json .Nil}} {{json .Missing}}', 'null null'],
    ['{{json .Nested}}', '{"Inner":{"Deep":"yes"},"List":[{"K":"v1"},{"K":"v2"}]}'],
    ['{{.Tags | json}}', '["bookworm","12"]'],
    ['{{json "\\u2028\\n"}}', '"\\u2028\\n"'],
    // index, len, slice
    ['{{index .Tags 1}}', '12'],
    ['{{index .Labels "b"}}', '2'],
    ['{{index .Labels "zz"}}|', '|'],
    ['{{index .Nested.List 0 "K"}}', 'v1'],
    ['{{len .Tags}} {{len .Labels}} {{len .Wide}}', '2 3 6'],
    ['{{slice .Name 1 3}} {{slice .Tags 1}}', 'eb [12]'],
    // range
    ['{{range .Tags}}<{{.}}>{{end}}', '<bookworm><12>'],
    ['{{range $i, $t := .Tags}}{{$i}}={{$t}} {{end}}', '0=bookworm 1=12 '],
    ['{{range $k, $v := .Labels}}{{$k}}:{{$v}},{{end}}', 'a:1,b:2,x.y:dotted,'],
    ['{{range .Labels}}{{.}}{{end}}', '12dotted'],
    ['{{range .Missing}}x{{else}}none{{end}}', 'none'],
    ['{{range .Nil}}x{{else}}nil{{end}}', 'nil'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{range .Tags}}{{if eq . "12"}}{{break}}{{end}}{{.}}{{end}}', 'bookworm'],
    ['{{range .Tags}}{{if eq . "bookworm"}}{{continue}}{{end}}{{.}}{{end}}', '12'],
    ['{{range $t := .Tags}}{{$t}}{{end}}', 'bookworm12'],
    // if / with
    ['{{if .Empty}}a{{else if .Zero}}b{{else if .Name}}c{{else}}d{{end}}', 'c'],
    ['{{if .Missing}}y{{else}}n{{end}}', 'n'],
    ['{{with .Empty}}y{{else}}n{{end}}', 'n'],
    ['{{with .Empty}}y{{else with .Name}}{{.}}{{end}}', 'debian'],
    ['{{with $x := .Name}}{{$x}}{{end}}', 'debian'],
    // comparisons and logic
    ['{{eq .Name "debian"}} {{eq .Name "a" "b" "debian"}} {{ne .Name "x"}}', 'true true true'],
    ['{{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge 2 3}} {{lt "a" "b"}}', 'true true false false true'],
    ['{{eq .Size 124567890}} {{eq .Missing "x"}} {{eq .Nil nil}}', 'true false true'],
    ['{{and 1 0 2}} {{and 1 2}} {{or 0 "" "x"}} {{or 0 ""}}|{{not .Empty}}', '0 2 x |true'],
    ['{{if and .Name (not .Empty)}}ok{{end}}', 'ok'],
    // strings
    ['{{join .Tags ", "}}', 'bookworm, 12'],
    ['{{join .Labels "+"}} {{join .Missing "+"}}|', '1+2+dotted |'],
    ['{{split "a,b,c" ","}} {{len (split "a,b" ",")}}', '[a b c] 2'],
    ['{{upper .Name}} {{lower "ÀB"}} {{title "hello world-x"}}', 'DEBIAN àb Hello World-X'],
    ['{{pad .Name 1 2}}|{{pad "" 1 2}}|', ' debian  ||'],
    ['{{truncate .Name 3}} {{truncate .Name 30}}', 'deb debian'],
    // print family
    ['{{print "a" 1 2 "b"}}', 'a1 2b'],
    ['{{println .Name 1}}', 'debian 1\n'],
    ['{{printf "%s has %d tags" .Name (len .Tags)}}', 'debian has 2 tags'],
    ['{{printf "%-10s|%10s|" .Name .Name}}', 'debian    |    debian|'],
    ['{{printf "%q %v %t %x %X %05d %+d" .Name .Tags true 255 255 42 7}}', '"debian" [bookworm 12] true ff FF 00042 +7'],
    ['{{printf "%.2f %e %g" 3.14159 1234.5678 .Ratio}}', '3.14 1.234568e+03 0.25'],
    ['{{printf "%d %s" "x" 5}}', '%!d(string=x) %!s(int=5)'],
    ['{{printf "%d"}} {{printf "%s" "a" "b"}}', '%!d(MISSING) a%!(EXTRA string=b)'],
    ['{{printf "%v" .Size}} {{printf "%T" .Size}}', '124567890 int64'],
    // literals, variables, pipelines
    ['{{"s"}} {{`r\\n`}} {{1}} {{-2}} {{1.5}} {{1e3}} {{0x10}} {{\'a\'}} {{true}}', 's r\\n 1 -2 1.5 1000 16 97 true'],
    ['{{1234567.0}} {{100000.0}}', '1.234567e+06 100000'],
    ['{{$x := .Name}}{{$x}}', 'debian'],
    ['{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', '2'],
    ['{{.Name | printf "%s!" | upper}}', 'DEBIAN!'],
    ['{{(index .Tags 0) | len}}', '8'],
    ['{{(.Nested).Inner.Deep}}', 'yes'],
    // whitespace and comments
    ['a  {{- .Name -}}  b', 'adebianb'],
    ['a {{- /* c */ -}} b', 'ab'],
    ['x{{/* comment */}}y', 'xy'],
    ['{{.Name}}\n  {{- .Tags}}', 'debian[bookworm 12]'],
    ['{{ .Name }}', 'debian'],
    ['{{.Name\n}}', 'debian'],
    ['plain text', 'plain text'],
    ['', ''],
  ])('%j → %j', (src, want) => {
    expect(render(src)).toBe(want);
  });
});

describe('template errors (Go wording behind docker\'s prefix)', () => {
  it.each<[string, string]>([
    ['{{', 'template: :1: unclosed action'],
    ['{{.Name', 'template: :1: unclosed action'],
    ['{{.Name}', "template: :1: bad character U+007D '}'"],
    ['{{if}}', 'template: :1: missing value for if'],
    ['{{if .Name}}', 'template: :1: unexpected EOF'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{nofunc 1}}', 'template: :1: function "nofunc" not defined'],
    ['{{$nope}}', 'template: :1: undefined variable "$nope"'],
    ['{{.Name | 1}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{`abc}}', 'template: :1: unterminated raw quoted string'],
    ['{{1a}}', 'template: :1: bad number syntax: "1a"'],
    ['{{)}}', 'template: :1: unexpected right paren'],
    ['{{(}}', 'template: :1: unclosed left paren'],
    ['{{/* x }}', 'template: :1: unclosed comment'],
    ['{{/* x */ .Name}}', 'template: :1: comment ends before closing delimiter'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{"a".b}}', 'template: :1: unexpected . after term "\\"a\\""'],
    ['{{@}}', 'template: :1: unexpected "@" in command'],
    ['{{.Name}}\n{{if}}', 'template: :2: missing value for if'],
    ['{{range $a, $b, $c := .Tags}}{{end}}', 'template: :1: too many declarations in range'],
  ])('parse %j', (src, want) => {
    const msg = errorOf(() => parseTemplate(src));
    expect(msg).toBe('template parsing error: ' + want);
  });

  it.each<[string, string]>([
    ['{{.Name.Foo}}', 'template: :1:7: executing "" at <.Name.Foo>: can\'t evaluate field Foo in type interface {}'],
    ['{{.Nil.Foo}}', 'template: :1:6: executing "" at <.Nil.Foo>: nil pointer evaluating interface {}.Foo'],
    ['{{.Name 1}}', 'template: :1:2: executing "" at <.Name>: Name is not a method but has arguments'],
    ['{{nil}}', 'template: :1:2: executing "" at <nil>: nil is not a command'],
    ['{{index .Tags 5}}', 'template: :1:2: executing "" at <index .Tags 5>: error calling index: index out of range: 5'],
    ['{{eq .Tags .Tags}}', 'template: :1:2: executing "" at <eq .Tags .Tags>: error calling eq: non-comparable type [bookworm 12]: []interface {}'],
    ['{{eq 1 1.0}}', 'template: :1:2: executing "" at <eq 1 1.0>: error calling eq: incompatible types for comparison'],
    ['{{lt true false}}', 'template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison'],
    ['{{and}}', 'template: :1:2: executing "" at <and>: wrong number of args for and: want at least 1 got 0'],
    ['{{upper 5}}', 'template: :1:8: executing "" at <5>: expected string; found 5'],
    ['{{upper .Size}}', 'template: :1:8: executing "" at <.Size>: wrong type for value; expected string; got int64'],
    ['{{upper .Missing}}', 'template: :1:8: executing "" at <.Missing>: invalid value; expected string'],
    ['{{range .Ratio}}{{end}}', 'template: :1:8: executing "" at <.Ratio>: range can\'t iterate over 0.25'],
    ['{{template "x"}}', 'template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined'],
    ['{{$x = 1}}', 'template: :1:7: executing "" at <1>: undefined variable: $x'],
    ['line\n  {{.Name.X}}', 'template: :2:9: executing "" at <.Name.X>: can\'t evaluate field X in type interface {}'],
  ])('exec %j', (src, want) => {
    const t = parseTemplate(src);
    expect(errorOf(() => executeTemplate(t, data))).toBe('template parsing error: ' + want);
  });

  it("missingKey 'error' reports missing map keys like docker's raw fallback", () => {
    expect(errorOf(() => render('{{.Missing}}', { missingKey: 'error' }))).toBe(
      'template parsing error: template: :1:2: executing "" at <.Missing>: map has no entry for key "Missing"',
    );
    expect(render('{{.Name}}', { missingKey: 'error' })).toBe('debian');
  });

  it('renderInspect: missing keys of Go maps print <no value>, of structs fail like docker', () => {
    const isGoMap = (o: object) => o === data.Labels;
    expect(renderInspect('{{.Labels.nope}}', data, isGoMap)).toBe('<no value>');
    expect(errorOf(() => renderInspect('{{.Nope}}', data, isGoMap))).toBe(
      'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"',
    );
  });

  it('error details say which phase failed', () => {
    try {
      parseTemplate('{{');
    } catch (e) {
      expect((e as BerthError).details).toMatchObject({ phase: 'parse', goError: 'template: :1: unclosed action' });
    }
  });
});

describe('header templates (docker HeaderFunctions)', () => {
  it('passes json/upper/lower/title/split/join/truncate through and keeps pad', () => {
    const t = parseTemplate('{{json .A}}|{{upper .B}}|{{truncate .A 1}}|{{pad .B 1 1}}|{{split .A ","}}');
    expect(executeHeaderTemplate(t, { A: 'NAME', B: 'TAG' })).toBe('NAME|TAG|NAME| TAG |NAME');
  });
});

describe('properties', () => {
  const alphabet = ['{{', '}}', '{{-', '-}}', ' ', '.', 'Name', 'Tags', '$', '$x', ':=', '=', '|', '(', ')', '"', '`', "'", 'if', 'else',
    'end', 'range', 'with', 'break', 'eq', 'len', 'index', 'printf', 'json', '1', '-', 'nil', '/*', '*/', '\n', ',', 'x', '%d', '中'];
  const templateish = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((a) => a.join(''));

  it('only ever throws BerthError, and terminates', () => {
    fc.assert(
      fc.property(fc.oneof(templateish, fc.string({ maxLength: 40 })), (src) => {
        try {
          renderTemplate(src, data);
        } catch (e) {
          return e instanceof BerthError && e.code === 'INVALID_ARGUMENT' && e.message.startsWith('template parsing error: template: :');
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('text without actions renders unchanged', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }).filter((s) => !s.includes('{{')), (s) => renderTemplate(s, data) === s),
      { numRuns: 500 },
    );
  });

  it('{{range}} over a list visits every element in order', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 5 }).filter((s) => !s.includes(',')), { maxLength: 8 }), (xs) => {
        return renderTemplate('{{range .}}{{.}},{{end}}', xs) === xs.map((x) => x + ',').join('');
      }),
      { numRuns: 300 },
    );
  });
});
