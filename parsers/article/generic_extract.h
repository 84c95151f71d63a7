// parsers/article/generic_extract.h (private to parsers/): finding the article body in a page nobody wrote
// rules for, readability-style.
//  1. prune_boilerplate removes scripts, styles, hidden elements, nav/header/footer/aside/form/
//     figcaption and elements whose class/id say share/social/related/comment/sidebar/widget/ad/
//     newsletter/tags/caption/photo-credit or gallery/slider/pull quote/social embed, or whose
//     React data-component says image/links/topic/byline/related/timestamp/media/video/caption/ad-;
//     a pruned-looking wrapper that holds most
//     of the page's prose (ASP.NET's page-wide <form>, "has-sidebar" layouts) or the page's
//     <main> ("l-wrapper gate-ad") is kept.
//  2. find_body_nodes scores every block by the paragraph text it directly holds (commas, length),
//     credits parents and grandparents, weighs class/id hints (content, article-body,
//     entry-content, post vs comment, related, share, ...) and link density, and takes the best
//     block. From there it climbs to the container of a run of sibling text blocks (React/Next.js
//     text-block divs, one <p> per wrapper): an ancestor holding at least 1.8 times the block's
//     prose (own text of the paragraph blocks under it) becomes the body, wrappers adding no prose
//     are passed through, and the climb stops at link-heavy, headline-list or negatively hinted
//     ancestors. A [itemprop=articleBody] holding most of that prose wins (unless the block found
//     is inside it: that one is tighter). Sibling blocks that look like prose join. Containers
//     whose text is largely linked headlines (section and listing pages) are never chosen.
// One pass over the tree for each step, plus walks up the ancestors of each text node and
// paragraph block: linear in the page size times its depth.
#pragma once
#include <cstddef>
#include <vector>

#include <libxml/tree.h>

namespace akhbar::parsers::html {

// Mutates `doc`. Call after everything that must see the whole page (links, metadata) was read.
void prune_boilerplate(xmlDoc* doc);

// The body containers in document order; empty when the page holds no article-like text.
// `rank` k > 0 starts from the k-th block after the best one instead (the caller's second try
// when the best block's paragraphs were all boilerplate); each call scores the page again.
std::vector<const xmlNode*> find_body_nodes(xmlDoc* doc, std::size_t rank = 0);

}  // namespace akhbar::parsers::html
