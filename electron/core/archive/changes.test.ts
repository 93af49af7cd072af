import { describe, expect, it } from 'vitest';
import { applyChanges, goDuration, keyValues, words } from './changes';

describe('import --change', () => {
  it('takes CMD and ENTRYPOINT in exec and shell form', () => {
    expect(applyChanges(['CMD ["/bin/sh", "-c", "echo hi"]']).Cmd).toEqual(['/bin/sh', '-c', 'echo hi']);
    expect(applyChanges(['cmd echo "a b"']).Cmd).toEqual(['/bin/sh', '-c', 'echo "a b"']);
    expect(applyChanges(['ENTRYPOINT ["/init"]'])).toEqual({ Entrypoint: ['/init'], Cmd: null });
    expect(applyChanges(['CMD ["x"]', 'ENTRYPOINT ["/init"]'])).toEqual({ Cmd: ['x'], Entrypoint: ['/init'] });
  });

  it('parses ENV and LABEL pairs with quotes, and the legacy one-pair ENV', () => {
    const c = applyChanges(['ENV A=1 B="two words" C=x\\ y', 'ENV LEGACY value with spaces', 'LABEL org.x="a b" k=v', 'ENV A=2']);
    expect(c.Env).toEqual(['B=two words', 'C=x y', 'LEGACY=value with spaces', 'A=2']);
    expect(c.Labels).toEqual({ 'org.x': 'a b', k: 'v' });
  });

  it('expands EXPOSE ports and ranges and defaults to tcp', () => {
    expect(Object.keys(applyChanges(['EXPOSE 80 53/udp 8000-8002']).ExposedPorts ?? {})).toEqual(['80/tcp', '53/udp', '8000/tcp', '8001/tcp', '8002/tcp']);
    expect(() => applyChanges(['EXPOSE http'])).toThrow('invalid containerPort: http');
  });

  it('sets USER, VOLUME (both forms), WORKDIR relative to the last, STOPSIGNAL, ONBUILD', () => {
    const c = applyChanges(['USER app:app', 'VOLUME ["/data", "/logs"]', 'VOLUME /cache', 'WORKDIR /srv', 'WORKDIR app/../web', 'STOPSIGNAL SIGQUIT', 'ONBUILD RUN make']);
    expect(c).toMatchObject({ User: 'app:app', WorkingDir: '/srv/web', StopSignal: 'SIGQUIT', OnBuild: ['RUN make'] });
    expect(Object.keys(c.Volumes ?? {})).toEqual(['/data', '/logs', '/cache']);
    expect(() => applyChanges(['ONBUILD FROM x'])).toThrow("FROM isn't allowed as an ONBUILD trigger");
  });

  it('builds HEALTHCHECK with Go durations in nanoseconds', () => {
    expect(applyChanges(['HEALTHCHECK --interval=30s --timeout=1m30s --retries=3 CMD curl -f http://x/']).Healthcheck).toEqual({
      Test: ['CMD-SHELL', 'curl -f http://x/'],
      Interval: 30e9,
      Timeout: 90e9,
      Retries: 3,
    });
    expect(applyChanges(['HEALTHCHECK CMD ["true"]']).Healthcheck).toEqual({ Test: ['CMD', 'true'] });
    expect(applyChanges(['HEALTHCHECK NONE']).Healthcheck).toEqual({ Test: ['NONE'] });
    expect(goDuration('1h2m3.5s')).toBe(3723.5e9);
    expect(() => goDuration('5 days')).toThrow('time: invalid duration "5 days"');
  });

  it("refuses other instructions with Docker's message, naming them as typed", () => {
    expect(() => applyChanges(['RUN rm -rf /'])).toThrow(/^RUN is not a valid change command$/);
    expect(() => applyChanges(['from scratch'])).toThrow(/^from is not a valid change command$/);
    expect(() => applyChanges(['COPY . /'])).toThrow('COPY is not a valid change command');
  });

  it('splits words with Dockerfile quoting', () => {
    expect(words(`a "b c" 'd e' f\\ g`)).toEqual(['a', 'b c', 'd e', 'f g']);
    expect(() => words('"open')).toThrow('unmatched quote');
    expect(keyValues('LABEL', 'a=', false)).toEqual([['a', '']]);
    expect(() => keyValues('LABEL', '=x', false)).toThrow('LABEL names can not be blank');
  });

  it('leaves the base config alone', () => {
    const base = { Env: ['A=1'] };
    applyChanges(['ENV B=2'], base);
    expect(base).toEqual({ Env: ['A=1'] });
  });
});
