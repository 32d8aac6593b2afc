// Written for blogforge's tests in the shape of Astrofy's helper: with GENERATE_SLUG_FROM_TITLE
// a post's URL is a slug of its title, else the entry's own slug.
import { GENERATE_SLUG_FROM_TITLE } from '../config'

export default function (title: string, entrySlug: string) {
  if (!GENERATE_SLUG_FROM_TITLE) return entrySlug
  return title.trim().toLowerCase().replace(/\s+/g, '-').replace(/[^\w-]/g, '').replace(/^-+|-+$/g, '')
}
