import { describe, it, expect } from 'vitest';
import { isSaneModel } from './person-linker.ts';
import { modelFromJson, newModel } from './people/index.ts';
import DEFAULT_MODEL from './people/default-model.json' with { type: 'json' };

describe('isSaneModel', () => {
  it('accepts the starting model shipped with mast', () => {
    expect(isSaneModel(modelFromJson(JSON.stringify(DEFAULT_MODEL)))).toBe(true);
  });
  it('refuses an untrained model, which cannot tell a match from a stranger', () => {
    expect(isSaneModel(newModel())).toBe(false);
  });
});
