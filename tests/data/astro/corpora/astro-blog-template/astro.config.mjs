// As SOURCE.md describes it: site, the mdx and sitemap integrations, nothing else.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';

export default defineConfig({
	site: 'https://example.com',
	integrations: [mdx(), sitemap()],
});
