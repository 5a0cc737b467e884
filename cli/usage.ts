/** The usage line of each command: here, so `coop help` and `coop boards` need not load the toolchain. */
export const buildUsage =
  'coop build <file.ts> [--board B] [-o out.js] [--minify | --no-minify]';
export const simUsage =
  'coop sim <file.ts> [--board B] [--diagram d.json] [--scenario s.yaml] [--vcd out.vcd] [--until 24h] [--realtime] [--timeline] [--seed N]';
export const flashUsage =
  'coop flash <file.ts> --port <serial port | BLE address | tcp://host:port> [--board B] [--save storage|boot|ram] [--timeout 10s] [--no-minify] [--verbose]';
export const replUsage =
  'coop repl --port <serial port | BLE address | tcp://host:port> [--timeout 10s] [--verbose]';
export const boardsUsage = 'coop boards';
export const portsUsage = 'coop ports [--verbose]';
export const typingsUsage = 'coop typings [--board B] [-o coop-env.d.ts | -o -]';
