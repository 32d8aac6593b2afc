"""Checking a built site: reads `dist/`, reports broken links, anchors, images and sitemap gaps.

In: the output folder and the site's base and URL. Out: `file:line: link → problem` findings.
"""
