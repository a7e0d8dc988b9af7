/** Issue 15 item 1: Signal is received losslessly unless an operator chooses otherwise. */
import fs from 'node:fs';
import path from 'node:path';
import { readConfig } from '../../src/config/env';

describe('Signal receive mode', () => {
  it('polls by default, the mode in which nothing is lost while Heads Up is down', () => {
    const { config } = readConfig({ SIGNAL_API_URL: 'http://127.0.0.1:8080', SIGNAL_NUMBER: '+14155550199' });
    expect(config.signal?.receiveMode).toBe('poll');
  });

  it('still accepts the websocket for operators who choose it', () => {
    const { config } = readConfig({ SIGNAL_API_URL: 'http://127.0.0.1:8080', SIGNAL_NUMBER: '+14155550199', SIGNAL_RECEIVE_MODE: 'websocket' });
    expect(config.signal?.receiveMode).toBe('websocket');
  });

  it('runs signal-cli-rest-api in native mode in the compose file, with Heads Up polling', () => {
    const compose = fs.readFileSync(path.join(__dirname, '../../docker-compose.yml'), 'utf8');
    const values = (key: string) => [...compose.matchAll(new RegExp(`^\\s+${key}:\\s*(\\S+)`, 'gm'))].map((m) => m[1]);
    expect(values('MODE')).toEqual(['native']);
    expect(values('SIGNAL_RECEIVE_MODE')).toEqual(['poll']);
  });
});
