/** Docker's help for the `--format` flag of list commands. */
export const FORMAT_HELP = [
  '      --format string   Format output using a custom template:',
  "                        'table':            Print output in table format with column headers (default)",
  "                        'table TEMPLATE':   Print output in table format using the given Go template",
  "                        'json':             Print in JSON format",
  "                        'TEMPLATE':         Print output using the given Go template.",
].join('\n');
