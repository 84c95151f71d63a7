// Tests for store/url_host.h: the politeness key the store computes when the caller gives none.
#include "store/url_host.h"

#include <gtest/gtest.h>

#include <string>

namespace akhbar::store {
namespace {

struct HostCase {
  const char* url;
  const char* key;
};

TEST(UrlHostKey, IsSchemeHostAndPortLowerCasedWithTheDefaultPortWritten) {
  const HostCase cases[] = {
      {"https://www.aljazeera.net/news/2022/10/6/x", "https://www.aljazeera.net:443"},
      {"http://nna-leb.gov.lb/ar/show-news/1", "http://nna-leb.gov.lb:80"},
      {"HTTPS://WWW.Alaraby.CO.UK/politics", "https://www.alaraby.co.uk:443"},
      {"http://nna-leb.gov.lb:8080/ar", "http://nna-leb.gov.lb:8080"},
      {"http://nna-leb.gov.lb:08080/ar", "http://nna-leb.gov.lb:8080"},
      {"https://www.alquds.co.uk?p=2801", "https://www.alquds.co.uk:443"},
      {"https://www.hespress.com#top", "https://www.hespress.com:443"},
      {"https://www.hespress.com", "https://www.hespress.com:443"},
      {"http://user:pa:ss@Example.org:81/x", "http://example.org:81"},
      {"http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080"},
      {"http://[2001:db8::1]/x", "http://[2001:db8::1]:80"},
      {"http://127.0.0.1:5000/robots.txt", "http://127.0.0.1:5000"},
      {"http://example.org:/x", "http://example.org:80"},
      // Not a URL with a host: no key.
      {"/relative/path", ""},
      {"://no-scheme", ""},
      {"https:///no-host", ""},
      {"http://example.org:http/x", ""},
      {"http://[2001:db8::1/x", ""},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(c.key, url_host_key(c.url)) << c.url;
}

}  // namespace
}  // namespace akhbar::store
