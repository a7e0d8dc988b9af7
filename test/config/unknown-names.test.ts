/** Names in the environment that look like the line's own but that it does not read: each named, with the setting meant when one is close. */
import { unknownNames } from '../../src/config/unknown-names';

describe('unknownNames', () => {
  it('names a misspelled setting with the one meant', () => {
    expect(unknownNames({ RETENTION_DAY: '30' })).toEqual(['RETENTION_DAY is not a Heads Up setting (RETENTION_DAYS?)']);
    expect(unknownNames({ MODERATOR: 'x', SIGNAL_NUMBERS: 'x' })).toEqual([
      'MODERATOR is not a Heads Up setting (MODERATORS?)',
      'SIGNAL_NUMBERS is not a Heads Up setting (SIGNAL_NUMBER?)',
    ]);
  });

  it('catches a misspelled prefix too, and a name in lower case', () => {
    expect(unknownNames({ TWILLIO_AUTH_TOKEN: 'x', retention_days: '30' })).toEqual([
      'TWILLIO_AUTH_TOKEN is not a Heads Up setting (TWILIO_AUTH_TOKEN?)',
      'retention_days is not a Heads Up setting (RETENTION_DAYS?)',
    ]);
  });

  it('names one of the line\'s prefixes with nothing close, without a guess', () => {
    expect(unknownNames({ SIGNAL_PASSWORD_FILE: 'x' })).toEqual(['SIGNAL_PASSWORD_FILE is not a Heads Up setting']);
  });

  it('says nothing of the settings, the secrets, the names read elsewhere, or other programs\' names', () => {
    const env = {
      NODE_ENV: 'test', PORT: '1', HOST: 'x', TZ: 'UTC', LOG_LEVEL: 'info', DATA_DIR: 'x', PUBLIC_URL: 'x', RETENTION_DAYS: '30', MODERATORS: 'x',
      SIGNAL_API_URL: 'x', SIGNAL_NUMBER: 'x', SIGNAL_RECEIVE_MODE: 'x', TWILIO_API_BASE_URL: 'x', CHECKIN_MIN_MINUTES: '1', DISCREET_TIMER_SECONDS: '1',
      HEADSUP_MASTER_KEY: 'x', TWILIO_AUTH_TOKEN: 'x', METRICS_TOKEN: 'x', HEADSUP_NEW_MASTER_KEY: 'x', HEADSUP_ROTATE_BATCH: '5',
      NODE_OPTIONS: 'x', NODE_VERSION: '22', HOSTNAME: 'x', HOME: 'x', PATH: 'x', INIT_CWD: 'x', npm_config_cache: 'x', TSX_TSCONFIG_PATH: 'x', MAXIMUM: 'x',
    };
    expect(unknownNames(env)).toEqual([]);
  });

  it('ignores a name set blank, as the settings do', () => {
    expect(unknownNames({ RETENTION_DAY: '' })).toEqual([]);
  });
});
