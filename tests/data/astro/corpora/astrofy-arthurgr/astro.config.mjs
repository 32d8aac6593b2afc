// As SOURCE.md describes it: site, server output on Vercel, mdx + sitemap + tailwind.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import tailwind from '@astrojs/tailwind';
import vercel from '@astrojs/vercel';

export default defineConfig({
  site: 'https://www.arthur-revelski.com/',
  output: 'server',
  adapter: vercel(),
  integrations: [mdx(), sitemap(), tailwind()],
});
