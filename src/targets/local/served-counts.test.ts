// Mirror copies count from the load's start: the calibration burst before it is mirrored too.
import { describe, expect, it } from 'vitest';
import { copiesSince } from './served-counts.js';

describe('copiesSince', () => {
  it('GIVEN 301 copies before the load and 2,302 after THEN the load made 2,001', () => {
    expect(copiesSince({ 'staging-service': 2302 }, { 'staging-service': 301 })).toEqual({ 'staging-service': 2001 });
  });
  it('GIVEN no reading before (a target without beforeLoad) THEN the count as read', () => {
    expect(copiesSince({ staging: 10 }, {})).toEqual({ staging: 10 });
  });
  it('GIVEN an unknown reading on either side THEN unknown', () => {
    expect(copiesSince({ staging: undefined }, { staging: 3 })).toEqual({ staging: undefined });
    expect(copiesSince({ staging: 10 }, { staging: undefined })).toEqual({ staging: undefined });
  });
});
