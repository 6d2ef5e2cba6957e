import { describe, expect, it } from 'vitest';
import { displayPlaylistSchema, playlistToString } from './admin.js';

/** The reasons a playlist is refused, as the admin CLI and API answer them. */
function refusals(text: string): string[] {
  const parsed = displayPlaylistSchema.safeParse(text);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('displayPlaylistSchema', () => {
  it.each([
    ['views=overview', 'overview'],
    ['views=rankings,rankings:district,rankings:department,rankings:commune', 'rankings,rankings:district,rankings:department,rankings:commune'],
    ['views=procedures', 'procedures'],
    ['views=procedure:DD-CN,procedure:TP.CT_2', 'procedure:DD-CN,procedure:TP.CT_2'],
    ['views=overview, procedures ,procedure:DD-CN, unit:HN-HK', 'overview,procedures,procedure:DD-CN,unit:HN-HK'],
  ])('accepts %s', (text, views) => {
    expect(displayPlaylistSchema.parse(text)).toEqual({ views, interval: 30, period: 'today' });
  });

  it.each(['procedures:district', 'procedure', 'procedure:', 'procedure:DD CN', 'procedure:DD/CN', 'rankings:planet', 'unit:', 'charts'])('refuses the view %s, naming the views there are', (entry) => {
    expect(refusals(`views=overview,${entry}`)).toEqual([`unknown view '${entry}' (overview, rankings:<kind>, procedures, procedure:<code>, unit:<code>)`]);
  });

  it('reads back what it writes', () => {
    const playlist = { views: 'procedures,procedure:DD-CN,rankings:district', interval: 45, period: 'month' } as const;
    expect(displayPlaylistSchema.parse(playlistToString(playlist))).toEqual(playlist);
  });
});
