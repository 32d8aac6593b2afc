// As SOURCE.md describes it: site, remark-math + rehype-katex among other plugins.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';
import sitemap from '@astrojs/sitemap';
import icon from 'astro-icon';
import expressiveCode from 'astro-expressive-code';
import remarkMath from 'remark-math';
import remarkEmoji from 'remark-emoji';
import rehypeExternalLinks from 'rehype-external-links';
import rehypeKatex from 'rehype-katex';
import rehypePrettyCode from 'rehype-pretty-code';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';

export default defineConfig({
  site: 'https://sunghogigio.com',
  integrations: [expressiveCode(), mdx(), react(), sitemap(), icon()],
  markdown: {
    syntaxHighlight: false,
    remarkPlugins: [remarkMath, remarkEmoji],
    rehypePlugins: [
      [rehypeExternalLinks, { target: '_blank', rel: ['nofollow', 'noreferrer', 'noopener'] }],
      rehypeHeadingIds,
      rehypeKatex,
      [rehypePrettyCode, { theme: { light: 'github-light', dark: 'github-dark' } }],
    ],
  },
});
