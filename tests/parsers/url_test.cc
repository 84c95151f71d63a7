#include "parsers/url/url.h"

#include <string_view>

#include <gtest/gtest.h>

namespace akhbar::parsers {
namespace {

TEST(UrlParse, SplitsEveryComponentAndLowercasesSchemeAndHost) {
  auto u = Url::parse("HTTPS://user:pw@WWW.Aljazeera.NET:8443/news/2022/10/6/x?a=1&b=2#top");
  ASSERT_TRUE(u) << u.error().str();
  EXPECT_EQ("https", u->scheme);
  EXPECT_EQ("user:pw", u->userinfo);
  EXPECT_EQ("www.aljazeera.net", u->host);
  EXPECT_EQ(8443, u->port);
  EXPECT_EQ("/news/2022/10/6/x", u->path);
  EXPECT_TRUE(u->has_query);
  EXPECT_EQ("a=1&b=2", u->query);
  EXPECT_TRUE(u->has_fragment);
  EXPECT_EQ("top", u->fragment);
  EXPECT_EQ("https://user:pw@www.aljazeera.net:8443/news/2022/10/6/x?a=1&b=2#top", u->str());
}

TEST(UrlParse, GivesHttpUrlsAtLeastARootPath) {
  auto u = Url::parse("http://example.org");
  ASSERT_TRUE(u);
  EXPECT_EQ("/", u->path);
  EXPECT_EQ("http://example.org/", u->str());
}

TEST(UrlParse, KeepsIpv6LiteralBrackets) {
  auto u = Url::parse("http://[::1]:8080/feed");
  ASSERT_TRUE(u);
  EXPECT_EQ("[::1]", u->host);
  EXPECT_EQ(8080, u->port);
  EXPECT_EQ("http://[::1]:8080", u->host_key());
}

TEST(UrlParse, RejectsTextWithoutSchemeOrHostOrWithABadPort) {
  for (std::string_view bad : {"", "www.example.org/x", "/relative/path", "mailto:someone@example.org", "http://",
                               "http://:80/", "http://example.org:99999/", "http://example.org:8o/",
                               "http://exa mple.org/"}) {
    auto u = Url::parse(bad);
    EXPECT_FALSE(u) << bad;
    if (!u) {
      EXPECT_EQ(Errc::kInvalidInput, u.error().code) << bad;
    }
  }
}

TEST(UrlParse, TrimsWhitespaceAndDropsNewlinesInsideHrefs) {
  auto u = Url::parse("  \n https://example.org/a\n/b \t");
  ASSERT_TRUE(u);
  EXPECT_EQ("https://example.org/a/b", u->str());
}

// RFC 3986 section 5.4: the normal and abnormal examples, base "http://a/b/c/d;p?q".
TEST(UrlResolve, Rfc3986_5_4_ReferenceResolutionExamples) {
  static const struct {
    std::string_view ref, expected;
  } kCases[] = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g/"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http://a/b/c/g"},  // the non-strict reading browsers use
  };
  auto base = Url::parse("http://a/b/c/d;p?q");
  ASSERT_TRUE(base);
  for (const auto& c : kCases) {
    auto r = base->resolve(c.ref);
    ASSERT_TRUE(r) << c.ref << ": " << r.error().str();
    EXPECT_EQ(c.expected, r->str()) << c.ref;
  }
}

TEST(UrlResolve, HandlesSchemeRelativeAndAbsoluteReferencesOnNewsSites) {
  auto base = Url::parse("https://www.baladi-news.com/ar/news");
  ASSERT_TRUE(base);
  EXPECT_EQ("https://cdn.baladi-news.com/img/1.jpg", base->resolve("//cdn.baladi-news.com/img/1.jpg")->str());
  EXPECT_EQ("http://other.example/x", base->resolve("http://other.example/x")->str());
  EXPECT_EQ("https://www.baladi-news.com/ar/articles/123", base->resolve(" articles/123\n")->str());
  EXPECT_EQ("https://www.baladi-news.com/ar/articles/123", base->resolve("/ar/articles/123")->str());
}

TEST(UrlResolve, FailsForAnHttpReferenceWithoutHost) {
  auto base = Url::parse("https://example.org/");
  ASSERT_TRUE(base);
  EXPECT_FALSE(base->resolve("https://"));
  EXPECT_FALSE(base->resolve("http://:8080/x"));
}

TEST(UrlCanonical, NormalisesTheFormsOfOneAddress) {
  static const struct {
    std::string_view in, expected;
  } kCases[] = {
      {"HTTP://Example.ORG:80/a/./b/../c#frag", "http://example.org/a/c"},
      {"https://example.org:443", "https://example.org/"},
      {"https://example.org:8443/", "https://example.org:8443/"},
      {"https://example.org/?utm_source=tw&id=5&utm_medium=social&fbclid=abc&gclid=x&page=2",
       "https://example.org/?id=5&page=2"},
      {"https://example.org/a?utm_source=rss&utm_campaign=feed", "https://example.org/a"},
      {"https://example.org/a?UTM_Source=rss", "https://example.org/a"},
      {"https://example.org/a?", "https://example.org/a"},
      {"https://example.org/%7euser/%41%2d%5F%2e", "https://example.org/~user/A-_."},
      {"https://example.org/a%2fb%3a", "https://example.org/a%2Fb%3A"},
      {"https://example.org/a b?q=a b", "https://example.org/a%20b?q=a%20b"},
      {"https://example.org/100%", "https://example.org/100%25"},
      {"https://example.org/news/%d8%b3%d9%88%d8%b1%d9%8a%d8%a7", "https://example.org/news/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7"},
      {"https://example.org/news/سوريا", "https://example.org/news/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7"},
      {"https://example.org/tag/أخبار?q=عاجل", "https://example.org/tag/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1?q=%D8%B9%D8%A7%D8%AC%D9%84"},
      {"https://example.org/a?b=1&&c=2", "https://example.org/a?b=1&c=2"},
  };
  for (const auto& c : kCases) {
    auto u = Url::parse(c.in);
    ASSERT_TRUE(u) << c.in;
    EXPECT_EQ(c.expected, u->canonical().str()) << c.in;
  }
}

TEST(UrlCanonical, GivesRawAndPercentEncodedArabicPathsOneForm) {
  auto raw = Url::parse("https://www.enabbaladi.net/archives/سوريا-اليوم");
  auto encoded = Url::parse(
      "https://www.enabbaladi.net/archives/%d8%b3%d9%88%d8%b1%d9%8a%d8%a7-%D8%A7%D9%84%D9%8A%D9%88%D9%85");
  ASSERT_TRUE(raw);
  ASSERT_TRUE(encoded);
  EXPECT_EQ(raw->canonical().str(), encoded->canonical().str());
}

TEST(UrlCanonical, IsIdempotent) {
  for (std::string_view in : {"https://example.org/a%20b/%D8%B3?x=1#f", "http://EXAMPLE.org:80/../a/./b?utm_x=1",
                              "https://example.org/سوريا?q=عاجل&utm_source=x"}) {
    auto once = Url::parse(in)->canonical();
    EXPECT_EQ(once.str(), once.canonical().str()) << in;
  }
}

TEST(UrlHostKey, UsesTheEffectivePort) {
  EXPECT_EQ("https://example.org:443", Url::parse("https://Example.org/x")->host_key());
  EXPECT_EQ("http://example.org:80", Url::parse("http://example.org/x")->host_key());
  EXPECT_EQ("http://127.0.0.1:8080", Url::parse("http://127.0.0.1:8080/")->host_key());
  EXPECT_EQ(443, Url::parse("https://example.org")->effective_port());
}

TEST(CanonicalLink, ResolvesAndCanonicalisesOrReturnsEmpty) {
  const std::string_view base = "https://www.alarabiya.net/arab-and-world/syria/2022/10/06/story";
  EXPECT_EQ("https://www.alarabiya.net/arab-and-world/syria/2022/10/06/other",
            canonical_link(base, "other?utm_source=homepage#comments"));
  EXPECT_EQ("https://www.alarabiya.net/", canonical_link(base, "/"));
  EXPECT_EQ("", canonical_link(base, "mailto:news@alarabiya.net"));
  EXPECT_EQ("", canonical_link(base, "javascript:void(0)"));
  EXPECT_EQ("", canonical_link("not a url", "/x"));
  EXPECT_EQ("", canonical_link(base, "ftp://files.example.org/x"));
}

}  // namespace
}  // namespace akhbar::parsers

namespace akhbar::parsers {
namespace {

// canonical_link builds the canonical form in one pass; it must give what resolving and then
// canonicalising gives, for every kind of reference a page holds.
std::string resolve_then_canonical(const Url& base, std::string_view ref) {
  auto r = base.resolve(ref);
  if (!r || !r->is_http() || r->host.empty()) return {};
  return r->canonical().str();
}

TEST(CanonicalLink, GivesWhatResolvingThenCanonicalisingGives) {
  const std::string_view bases[] = {"https://www.alarabiya.net/arab-and-world/syria/2022/10/06/story?x=1",
                                    "http://Example.ORG:80", "https://example.org:8443/a/b/c/d;p?q#f",
                                    "http://a/b/c/d;p?q", "https://news.example.org/"};
  const std::string_view refs[] = {
      "", "#top", "?page=2", "?utm_source=x", "other", "./other", "../up", "../../../../g", "/", "/news/سوريا-اليوم",
      "/news/%d8%b3%d9%88%d8%b1%d9%8a%d8%a7?q=عاجل&utm_medium=rss", "//cdn.Example.ORG/img.jpg",
      "//cdn.example.org:443/x", "https://WWW.Example.org:443/a/./b/../c?fbclid=1&id=5#c", "http://example.org:80",
      "HTTPS://example.org", "https:relative", "http:relative", "mailto:news@example.org", "javascript:void(0)",
      "ftp://files.example.org/x", "  \n /a\n/b \t", "a b?q=a b", "/100%", "/%7euser/%41%2d", "g;x=1/../y",
      "http://user:pw@host.example.org/p", "http://[::1]:8080/feed", "http://bad host/", "http://:80/", "//",
      "https://", "?a=1&&b=2&", "..", ".", "/./a/.", "/a/..", "%2e%2e/x", "tel:+20123", "data:text/html,x",
  };
  for (std::string_view b : bases) {
    auto base = Url::parse(b);
    ASSERT_TRUE(base) << b;
    for (std::string_view ref : refs) {
      EXPECT_EQ(resolve_then_canonical(*base, ref), canonical_link(*base, ref)) << b << " + " << ref;
    }
  }
}

}  // namespace
}  // namespace akhbar::parsers

namespace akhbar::parsers {
namespace {

// The canonical form, case by case: what Arabic news sites and the services around them (AMP,
// analytics, mail campaigns, social networks) do to one article's address.
TEST(CanonicalForm, OneAddressPerArticle) {
  static const struct {
    std::string_view in, expected, why;
  } kCases[] = {
      {"HTTP://Example.ORG:80/a/./b/../c#frag", "http://example.org/a/c", "case, default port, dots, fragment"},
      {"https://example.org:443", "https://example.org/", "default https port, root path"},
      {"https://example.org:8443/x", "https://example.org:8443/x", "another port stays"},
      {"https://user@example.org/x", "https://user@example.org/x", "userinfo stays"},
      {"http://[::1]:8080/feed", "http://[::1]:8080/feed", "IPv6 literal"},
      {"https://www.aljazeera.net/news/2024/10/6/x#comments", "https://www.aljazeera.net/news/2024/10/6/x", "fragment"},
      // Tracking parameters.
      {"https://example.org/a?utm_source=tw&id=5&utm_medium=social", "https://example.org/a?id=5", "utm_*"},
      {"https://example.org/a?UTM_Source=rss", "https://example.org/a", "utm_* in any case, then no '?'"},
      {"https://example.org/a?utmx=1", "https://example.org/a?utmx=1", "not utm_*"},
      {"https://example.org/a?fbclid=IwAR0x&gclid=Cj0&msclkid=9", "https://example.org/a", "ad-click ids"},
      {"https://www.france24.com/ar/x?at_medium=RSS&at_campaign=rss&xtor=RSS-1", "https://www.france24.com/ar/x",
       "AT Internet"},
      {"https://example.org/a?mc_cid=abc&mc_eid=def&page=2", "https://example.org/a?page=2", "Mailchimp"},
      {"https://www.bbc.com/arabic/x?ns_mchannel=social&ns_source=twitter&ns_campaign=bbc", "https://www.bbc.com/arabic/x",
       "BBC's ns_*"},
      {"https://www.msn.com/ar-ae/news/x?ocid=msedgntp&cvid=1", "https://www.msn.com/ar-ae/news/x?cvid=1", "ocid"},
      {"https://example.org/a?igshid=1&_ga=2.1&_gl=1*x&pk_campaign=n", "https://example.org/a", "Instagram, GA, Piwik"},
      {"https://example.org/a?b=1&&c=2&", "https://example.org/a?b=1&c=2", "empty parameters"},
      {"https://example.org/a?", "https://example.org/a", "empty query"},
      // AMP.
      {"https://www.aljazeera.net/amp/news/2024/10/6/x", "https://www.aljazeera.net/news/2024/10/6/x", "/amp/ first"},
      {"https://www.skynewsarabia.com/amp/middle-east/1750000", "https://www.skynewsarabia.com/middle-east/1750000",
       "/amp/ first"},
      {"https://example.org/ar/amp/article/123", "https://example.org/ar/article/123", "/amp/ after a language"},
      {"https://www.enabbaladi.net/2024/10/06/story/amp/", "https://www.enabbaladi.net/2024/10/06/story/",
       "WordPress /amp/ last"},
      {"https://example.org/news/123/amp", "https://example.org/news/123", "/amp last, no slash"},
      {"https://example.org/amp", "https://example.org/", "the AMP home page"},
      {"https://www.bbc.com/arabic/articles/c4g3xyz.amp", "https://www.bbc.com/arabic/articles/c4g3xyz", ".amp"},
      {"https://example.org/story/123.amp.html", "https://example.org/story/123.html", ".amp.html"},
      {"https://example.org/news/123?amp=1", "https://example.org/news/123", "?amp=1"},
      {"https://example.org/news/123?amp", "https://example.org/news/123", "?amp"},
      {"https://example.org/news/123?outputType=amp&p=1", "https://example.org/news/123?p=1", "Arc XP outputType"},
      {"https://example.org/news/123?outputType=json", "https://example.org/news/123?outputType=json", "not AMP"},
      {"https://amp.example.org/news/123", "https://www.example.org/news/123", "amp. host"},
      {"https://www-aljazeera-net.cdn.ampproject.org/c/s/www.aljazeera.net/amp/news/2024/x?amp_js_v=0.1&usqp=mq331AQ",
       "https://www.aljazeera.net/news/2024/x", "AMP cache, https"},
      {"https://example-org.cdn.ampproject.org/c/example.org/a", "http://example.org/a", "AMP cache, http"},
      {"https://example.org/camp/example-amp", "https://example.org/camp/example-amp", "amp inside words stays"},
      {"https://example.org/amp-stories/x", "https://example.org/amp-stories/x", "a segment that is not amp"},
      // Percent-encoding and Unicode.
      {"https://example.org/%7euser/%41%2d%5F%2e", "https://example.org/~user/A-_.", "unreserved decoded"},
      {"https://example.org/a%2fb%3a", "https://example.org/a%2Fb%3A", "reserved kept, hex uppercased"},
      {"https://example.org/a b?q=a b", "https://example.org/a%20b?q=a%20b", "spaces"},
      {"https://example.org/100%", "https://example.org/100%25", "a lone %"},
      {"https://example.org/news/سوريا", "https://example.org/news/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7", "raw Arabic"},
      {"https://example.org/news/%d8%b3%d9%88%d8%b1%d9%8a%d8%a7", "https://example.org/news/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7",
       "lowercase hex"},
      {"https://example.org/tag/\xD8\xA7\xD9\x94" "خبار", "https://example.org/tag/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1",
       "alef + hamza above is أ (NFC)"},
      {"https://example.org/tag/%D8%A7%D9%94%D8%AE%D8%A8%D8%A7%D8%B1", "https://example.org/tag/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1",
       "the same, percent-encoded"},
      {"https://example.org/s?q=ا\xD9\x94" "خبار", "https://example.org/s?q=%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1", "NFC in the query"},
      {"https://example.org/%C7%E1%DA%D1%C8%ED%C9", "https://example.org/%C7%E1%DA%D1%C8%ED%C9",
       "windows-1256 escapes are no UTF-8: kept"},
      {"http://موقع.مصر/اخبار", "http://xn--4gbrim.xn--wgbh1c/%D8%A7%D8%AE%D8%A8%D8%A7%D8%B1", "IDN host to punycode"},
      {"http://XN--4GBRIM.xn--wgbh1c/", "http://xn--4gbrim.xn--wgbh1c/", "punycode lowercased"},
  };
  static_assert(std::size(kCases) >= 40);
  const auto base = Url::parse("https://example.org/");
  ASSERT_TRUE(base);
  for (const auto& c : kCases) {
    EXPECT_EQ(canonical_link(*base, c.in), c.expected) << c.why << ": " << c.in;
    auto u = Url::parse(c.in);
    ASSERT_TRUE(u) << c.in;
    EXPECT_EQ(u->canonical().str(), c.expected) << c.why << " (Url::canonical): " << c.in;
    EXPECT_EQ(canonical_link(*base, c.expected), c.expected) << "idempotent: " << c.expected;
  }
}

TEST(CanonicalForm, AHostThatIsNoDomainNameGivesNoLink) {
  const auto base = Url::parse("https://example.org/");
  ASSERT_TRUE(base);
  EXPECT_EQ(canonical_link(*base, "http://\xD8\xA7-.-\xD8\xA8/x"), "");  // no valid label
  EXPECT_EQ(canonical_link(*base, "http://a\xFF.example/x"), "");       // not UTF-8
}

}  // namespace
}  // namespace akhbar::parsers
