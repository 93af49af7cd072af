/**
 * Renders job snapshots the way the Docker CLI renders the daemon's stream
 * (jsonmessage.DisplayJSONMessagesStream). Not a terminal: only state
 * transitions print, one line each. A terminal: each layer ID owns a line,
 * redrawn in place with cursor-up / erase-line / cursor-down; a line
 * without an ID ends that block (the next tag of pull -a starts a new one).
 */
import type { Job } from '../../../shared/jobs';
import { BYTE_PHASES, jobLines, type JobLine } from './job-lines';
import { progressText } from './progress-bar';

export interface RendererOutput {
  write(s: string): unknown;
}

export interface RendererOptions {
  tty: boolean;
  /** Terminal width (Docker draws the bar above 110 columns). */
  columns?: number;
}

export class JobRenderer {
  private last: Job | undefined;
  private lineOf = new Map<string, number>();

  constructor(
    private readonly out: RendererOutput,
    private readonly opts: RendererOptions,
  ) {}

  update(job: Job): void {
    const lines = jobLines(this.last, job);
    this.last = job;
    for (const line of lines) {
      if (this.opts.tty) this.drawTty(line);
      else this.drawPlain(line);
    }
  }

  private drawPlain(line: JobLine): void {
    if (line.kind === 'message') this.out.write(`${line.text}\n`);
    else if (line.phaseChanged && !BYTE_PHASES.has(line.layer.phase)) this.out.write(`${line.layer.id}: ${line.layer.phase}\n`);
  }

  private drawTty(line: JobLine): void {
    if (line.kind === 'message') {
      this.lineOf = new Map();
      this.out.write(`${line.text}\n`);
      return;
    }
    const { id, phase, current, total } = line.layer;
    let index = this.lineOf.get(id);
    if (index === undefined) {
      index = this.lineOf.size;
      this.lineOf.set(id, index);
      this.out.write('\n');
    }
    const up = this.lineOf.size - index;
    const bar = BYTE_PHASES.has(phase) ? progressText(current, total, this.opts.columns ?? 200) : '';
    this.out.write(`${up > 0 ? `\x1b[${up}A` : ''}\x1b[2K\r${id}: ${phase} ${bar}\r${up > 0 ? `\x1b[${up}B` : ''}`);
  }
}
