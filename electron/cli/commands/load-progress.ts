/**
 * `docker load` output: on a terminal, one redrawn "<id>: Loading layer
 * [==>  ] 1.2MB/3.4MB" line per layer; Docker's messages ('Loaded image: …')
 * always, in order. With -q or off a terminal only the messages print.
 */
import type { Job } from '../../../shared/jobs';
import { progressText } from '../progress/progress-bar';

export class LoadOutput {
  private printed = 0;
  private readonly rows = new Map<string, number>();

  constructor(
    private readonly out: { write(s: string): unknown },
    private readonly opts: { tty: boolean; quiet: boolean; columns: number },
  ) {}

  update(job: Job): void {
    if (this.opts.tty && !this.opts.quiet) this.drawLayers(job);
    for (const text of job.messages.slice(this.printed)) this.out.write(`${text}\n`);
    this.printed = job.messages.length;
  }

  private drawLayers(job: Job): void {
    for (const l of job.layers) {
      if (l.phase !== 'Loading layer') continue;
      let row = this.rows.get(l.id);
      if (row === undefined) {
        row = this.rows.size;
        this.rows.set(l.id, row);
        this.out.write('\n');
      }
      const up = this.rows.size - row;
      const line = `${l.id}: ${l.phase} ${progressText(l.current, l.total, this.opts.columns)}`;
      this.out.write(`\x1b[${up}A\x1b[2K\r${line}\r\x1b[${up}B`);
    }
  }
}
