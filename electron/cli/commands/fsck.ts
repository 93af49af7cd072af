import type { Command } from '../command';
import { parseFlags, requireArgs } from '../args';

export const fsckCommand: Command = {
  name: ['fsck'],
  summary: 'Check the image store for missing or corrupt blobs and references',
  usage: 'fsck',
  async run(ctx, argv) {
    const { positionals } = parseFlags('fsck', argv, {});
    requireArgs('fsck', positionals, { exactly: 0 });
    const report = await ctx.call('store.fsck', {});
    const n = report.problems.length;
    const verdict = n === 0 ? 'no problems found' : `${n} ${n === 1 ? 'problem' : 'problems'} found`;
    ctx.out(`Checked ${report.blobsChecked} blobs and ${report.refsChecked} references: ${verdict}\n`);
    for (const p of report.problems) ctx.out(`  ${p.kind}: ${p.subject}: ${p.message}\n`);
    return n === 0 && report.ok ? 0 : 1;
  },
};
