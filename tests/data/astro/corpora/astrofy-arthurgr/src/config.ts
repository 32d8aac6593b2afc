// Astrofy's theme settings, as SOURCE.md describes them: posts live at a slug of their title.
export const SITE_TITLE = 'Astrofy';
export const GENERATE_SLUG_FROM_TITLE = true;
