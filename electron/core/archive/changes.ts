/**
 * `docker import --change`: Dockerfile instructions applied to an empty
 * container config, in the Dockerfile's own forms (JSON exec form or shell
 * form, `key=value` pairs with quotes, legacy `ENV key value`). Only the
 * instructions Docker allows for commit/import are accepted.
 */
import path from 'node:path';
import { BerthError } from '../../../shared/errors';

export type ContainerConfig = Record<string, unknown> & {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Env?: string[];
  ExposedPorts?: Record<string, object>;
  Labels?: Record<string, string>;
  Volumes?: Record<string, object>;
  OnBuild?: string[];
};

const VALID = new Set(['cmd', 'entrypoint', 'env', 'expose', 'healthcheck', 'label', 'onbuild', 'stopsignal', 'user', 'volume', 'workdir']);

function invalid(message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', message);
}

/** JSON exec form (`["a","b"]`) or null for the shell form. */
export function execForm(rest: string): string[] | null {
  if (!rest.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(rest);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;
  } catch {
    return null;
  }
}

/** Words with Dockerfile quoting: "…" and '…' group, backslash escapes the next character. */
export function words(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && quote !== "'" && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (quote) throw invalid(`unmatched quote in ${JSON.stringify(s)}`);
  if (inWord) out.push(cur);
  return out;
}

/** `k=v k2="v 2"`, or the legacy one-pair form `k v with spaces` when the first word has no '='. */
export function keyValues(instr: string, rest: string, legacy: boolean): Array<[string, string]> {
  const ws = words(rest);
  if (ws.length === 0) throw invalid(`${instr} requires at least one argument`);
  if (legacy && !ws[0]!.includes('=')) {
    const key = ws[0]!;
    const value = rest.trim().slice(rest.trim().indexOf(key) + key.length).trim();
    if (value === '') throw invalid(`${instr} must have two arguments`);
    return [[key, words(value).join(' ')]];
  }
  return ws.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw invalid(`${instr} names can not be blank`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration ("30s", "1m30s", "500ms") in nanoseconds. */
export function goDuration(s: string): number {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = 0;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) throw invalid(`time: invalid duration "${s}"`);
    total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
    i = re.lastIndex;
  }
  if (s.length === 0) throw invalid(`time: invalid duration ""`);
  return Math.round(total);
}

function healthcheck(rest: string): Record<string, unknown> {
  const flags: Record<string, string> = {};
  let body = rest.trim();
  for (let m = /^--([a-z-]+)=(\S*)\s*/.exec(body); m; m = /^--([a-z-]+)=(\S*)\s*/.exec(body)) {
    flags[m[1]!] = m[2]!;
    body = body.slice(m[0].length);
  }
  const [kind = '', ...restWords] = body.split(/\s+/);
  if (kind.toUpperCase() === 'NONE') {
    if (restWords.length || Object.keys(flags).length) throw invalid('HEALTHCHECK NONE takes no arguments');
    return { Test: ['NONE'] };
  }
  if (kind.toUpperCase() !== 'CMD') throw invalid(`Unknown type "${kind.toUpperCase()}" in HEALTHCHECK (try CMD)`);
  const cmd = body.slice(kind.length).trim();
  const exec = execForm(cmd);
  const hc: Record<string, unknown> = { Test: exec ? ['CMD', ...exec] : ['CMD-SHELL', cmd] };
  const known: Record<string, string> = { interval: 'Interval', timeout: 'Timeout', 'start-period': 'StartPeriod', 'start-interval': 'StartInterval' };
  for (const [flag, value] of Object.entries(flags)) {
    if (known[flag]) hc[known[flag]] = goDuration(value);
    else if (flag === 'retries') {
      if (!/^\d+$/.test(value)) throw invalid(`invalid retries value ${JSON.stringify(value)}`);
      hc.Retries = Number(value);
    } else throw invalid(`Unknown flag: ${flag}`);
  }
  return hc;
}

function ports(rest: string): string[] {
  const out: string[] = [];
  for (const w of words(rest)) {
    const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(w);
    if (!m) throw invalid(`invalid containerPort: ${w}`);
    const proto = (m[3] ?? 'tcp').toLowerCase();
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo || hi > 65535) throw invalid(`invalid range specified for container port: ${w}`);
    for (let p = lo; p <= hi; p++) out.push(`${p}/${proto}`);
  }
  return out;
}

/** Applies the changes in order to `base` (not modified) and returns the new config. */
export function applyChanges(changes: readonly string[], base: ContainerConfig = {}): ContainerConfig {
  const c: ContainerConfig = structuredClone(base);
  let cmdSet = false;
  for (const raw of changes.flatMap((ch) => ch.split('\n'))) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const instr = /^\S+/.exec(line)![0];
    const rest = line.slice(instr.length).trim();
    const key = instr.toLowerCase();
    if (!VALID.has(key)) throw invalid(`${instr} is not a valid change command`);
    const shell = (r: string): string[] => execForm(r) ?? ['/bin/sh', '-c', r];
    switch (key) {
      case 'cmd':
        c.Cmd = shell(rest);
        cmdSet = true;
        break;
      case 'entrypoint':
        c.Entrypoint = shell(rest);
        if (!cmdSet) c.Cmd = null; // Docker: a new ENTRYPOINT drops an inherited CMD
        break;
      case 'env':
        for (const [k, v] of keyValues(instr, rest, true)) c.Env = [...(c.Env ?? []).filter((e) => e.split('=')[0] !== k), `${k}=${v}`];
        break;
      case 'label':
        for (const [k, v] of keyValues(instr, rest, true)) c.Labels = { ...c.Labels, [k]: v };
        break;
      case 'expose':
        for (const p of ports(rest)) c.ExposedPorts = { ...c.ExposedPorts, [p]: {} };
        break;
      case 'volume':
        for (const v of execForm(rest) ?? words(rest)) {
          if (v.trim() === '') throw invalid('VOLUME specified can not be an empty string');
          c.Volumes = { ...c.Volumes, [v]: {} };
        }
        break;
      case 'workdir': {
        const dir = words(rest).join(' ');
        c.WorkingDir = path.posix.resolve(typeof c.WorkingDir === 'string' && c.WorkingDir ? c.WorkingDir : '/', dir);
        break;
      }
      case 'user':
        c.User = rest;
        break;
      case 'stopsignal':
        c.StopSignal = rest;
        break;
      case 'onbuild': {
        const inner = /^\S+/.exec(rest)?.[0]?.toUpperCase();
        if (!inner) throw invalid('ONBUILD requires at least one argument');
        if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(inner)) throw invalid(`${inner} isn't allowed as an ONBUILD trigger`);
        c.OnBuild = [...(c.OnBuild ?? []), rest];
        break;
      }
      case 'healthcheck':
        c.Healthcheck = healthcheck(rest);
        break;
    }
  }
  return c;
}
