// parsers/article/generic_extract.h (private to parsers/): finding the article body in a page nobody wrote
// rules for, readability-style.
//  1. prune_boilerplate removes scripts, styles, hidden elements, nav/header/footer/aside/form and
//     elements whose class/id say share/social/related/comment/sidebar/widget/ad/newsletter/tags;
//     a pruned-looking wrapper that holds most of the page's prose (ASP.NET's page-wide <form>,
//     "has-sidebar" layouts) is kept.
//  2. find_body_nodes scores every block by the paragraph text it directly holds (commas, length),
//     credits parents and grandparents, weighs class/id hints (content, article-body,
//     entry-content, post vs comment, related, share, ...) and link density, takes the best
//     container and its sibling blocks that look like prose. Containers whose text is largely
//     linked headlines (section and listing pages) are never chosen.
// One pass over the tree for each step: linear in the page size.
#pragma once
#include <vector>

#include <libxml/tree.h>

namespace akhbar::parsers::html {

// Mutates `doc`. Call after everything that must see the whole page (links, metadata) was read.
void prune_boilerplate(xmlDoc* doc);

// The body containers in document order; empty when the page holds no article-like text.
std::vector<const xmlNode*> find_body_nodes(xmlDoc* doc);

}  // namespace akhbar::parsers::html
