/**
 * The parts of EspruinoTools (the `espruino` npm package) that coop uses.
 * EspruinoTools is plain JavaScript that installs a global `Espruino`; these
 * types describe it as it is in espruino@0.1.67 (core/serial.js, core/env.js,
 * core/codeWriter.js, core/utils.js, espruino.js).
 */

/** A port as `Espruino.Core.Serial.getPorts` lists it. */
export interface ToolsPort {
  path: string;
  description?: string;
  type?: string;
  usb?: [number, number];
  unimportant?: boolean;
}

/** A transport EspruinoTools can open; see the header comment of core/serial.js. */
export interface ToolsSerialDevice {
  name: string;
  init?(): void;
  getPorts(callback: (ports: ToolsPort[] | undefined, instantPorts?: boolean) => void): void;
  open(path: string, openCallback: (info: unknown) => void, receiveCallback: (data: ArrayBuffer) => void, disconnectCallback: (error?: unknown) => void): void;
  write(data: string, callback: () => void): void;
  close(): void;
  maxWriteLength?: number;
}

export interface EspruinoTools {
  Config: Record<string, unknown>;
  addProcessor(event: string, processor: (data: any, callback: (data: any) => void) => void): void;
  callProcessor(event: string, data: unknown, callback: (data: any) => void): void;
  Core: {
    Serial: {
      devices: ToolsSerialDevice[];
      getPorts(callback: (ports: ToolsPort[], shouldCallAgain: boolean) => void): void;
      open(path: string, connectCallback: (info: unknown) => void, disconnectCallback: () => void): void;
      isConnected(): boolean;
      startListening(listener: ((data: ArrayBuffer) => void) | undefined): ((data: ArrayBuffer) => void) | undefined;
      write(data: string, showStatus?: boolean, callback?: () => void): void;
      close(): void;
      setSlowWrite(on: boolean, force?: boolean): void;
      /** The connection class instance all transports write through (core/serial.js). */
      connection: { txInProgress: boolean; txDataQueue: unknown[] };
    };
    Env: {
      getData(): Record<string, any>;
      getBoardData(): Record<string, any>;
      setFirmwareVersion(version: string): void;
    };
    CodeWriter: {
      writeToEspruino(code: string, callback: () => void): void;
    };
    Utils: {
      executeExpression(expr: string, callback: (result: string | undefined) => void, options?: { maxTimeout?: number; minTimeout?: number }): void;
      addRecognisedDeviceAddress(address: string): void;
      toJSONishString(text: string): string;
    };
    Status: {
      setStatus(text: string, progressMax?: number): void;
      hasProgress(): boolean;
      incrementProgress(amount: number): void;
    };
    Notifications: Record<'success' | 'error' | 'warning' | 'info', (message: string) => void>;
  };
  Plugins: Record<string, unknown>;
}
