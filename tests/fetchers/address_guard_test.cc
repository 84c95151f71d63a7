// fetchers/address_guard.h on addresses built with inet_pton, as curl hands them to the
// open-socket callback: a table per family, each row citing the range it probes.
#include "fetchers/address_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace akhbar::fetchers {
namespace {

sockaddr_storage make(std::string_view text) {
  sockaddr_storage ss{};
  const std::string s(text);
  if (s.find(':') == std::string::npos) {
    auto* in = reinterpret_cast<sockaddr_in*>(&ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(443);
    EXPECT_EQ(inet_pton(AF_INET, s.c_str(), &in->sin_addr), 1) << s;
  } else {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&ss);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(443);
    EXPECT_EQ(inet_pton(AF_INET6, s.c_str(), &in6->sin6_addr), 1) << s;
  }
  return ss;
}

AddressClass classify(std::string_view text) {
  const sockaddr_storage ss = make(text);
  return classify_address(reinterpret_cast<const sockaddr*>(&ss));
}

struct Case {
  std::string_view address;
  AddressClass expected;
};

TEST(ClassifyAddress, SortsIpv4Ranges) {
  static const Case kCases[] = {
      {"8.8.8.8", AddressClass::kPublic},          {"185.70.40.1", AddressClass::kPublic},
      {"127.0.0.1", AddressClass::kLoopback},      {"127.255.255.254", AddressClass::kLoopback},
      {"10.0.0.5", AddressClass::kPrivate},        {"10.255.255.255", AddressClass::kPrivate},
      {"172.16.0.1", AddressClass::kPrivate},      {"172.31.255.255", AddressClass::kPrivate},
      {"172.15.255.255", AddressClass::kPublic},   {"172.32.0.0", AddressClass::kPublic},  // just outside /12
      {"192.168.1.1", AddressClass::kPrivate},     {"192.169.0.1", AddressClass::kPublic},
      {"100.64.0.1", AddressClass::kPrivate},      {"100.127.255.255", AddressClass::kPrivate},  // CGNAT
      {"100.63.255.255", AddressClass::kPublic},   {"100.128.0.0", AddressClass::kPublic},
      {"169.254.169.254", AddressClass::kLinkLocal},  // the cloud metadata endpoint
      {"0.0.0.0", AddressClass::kReserved},        {"0.1.2.3", AddressClass::kReserved},
      {"224.0.0.1", AddressClass::kMulticast},     {"239.255.255.250", AddressClass::kMulticast},
      {"240.0.0.1", AddressClass::kReserved},      {"255.255.255.255", AddressClass::kReserved},
      {"223.255.255.255", AddressClass::kPublic},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(classify(c.address), c.expected) << c.address << " is " << address_class_name(classify(c.address));
  }
}

TEST(ClassifyAddress, SortsIpv6Ranges) {
  static const Case kCases[] = {
      {"2001:4860:4860::8888", AddressClass::kPublic}, {"2a00:1450:4001:80b::200e", AddressClass::kPublic},
      {"::1", AddressClass::kLoopback},                {"::", AddressClass::kReserved},
      {"fc00::1", AddressClass::kPrivate},             {"fd12:3456:789a::1", AddressClass::kPrivate},
      {"fe80::1", AddressClass::kLinkLocal},           {"febf:ffff::1", AddressClass::kLinkLocal},
      {"ff02::1", AddressClass::kMulticast},           {"ff05::1:3", AddressClass::kMulticast},
      {"fbff::1", AddressClass::kPublic},              {"fec0::1", AddressClass::kPrivate},  // old site-local
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(classify(c.address), c.expected) << c.address << " is " << address_class_name(classify(c.address));
  }
}

TEST(ClassifyAddress, JudgesIpv4MappedIpv6AsTheIpv4AddressInside) {
  static const Case kCases[] = {
      {"::ffff:127.0.0.1", AddressClass::kLoopback},   {"::ffff:10.0.0.5", AddressClass::kPrivate},
      {"::ffff:192.168.0.10", AddressClass::kPrivate}, {"::ffff:169.254.169.254", AddressClass::kLinkLocal},
      {"::ffff:224.0.0.251", AddressClass::kMulticast}, {"::ffff:0.0.0.0", AddressClass::kReserved},
      {"::ffff:8.8.4.4", AddressClass::kPublic},        {"::ffff:7f00:1", AddressClass::kLoopback},  // hex form
      {"::127.0.0.1", AddressClass::kLoopback},         // deprecated IPv4-compatible form
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(classify(c.address), c.expected) << c.address << " is " << address_class_name(classify(c.address));
  }
}

TEST(ClassifyAddress, OtherFamiliesAndNullAreUnsupported) {
  sockaddr_storage ss{};
  ss.ss_family = AF_UNIX;
  EXPECT_EQ(classify_address(reinterpret_cast<const sockaddr*>(&ss)), AddressClass::kUnsupported);
  EXPECT_EQ(classify_address(nullptr), AddressClass::kUnsupported);
}

TEST(AddressToString, PrintsBothFamilies) {
  const sockaddr_storage v4 = make("10.0.0.5");
  const sockaddr_storage v6 = make("fe80::1");
  const sockaddr_storage mapped = make("::ffff:127.0.0.1");
  EXPECT_EQ(address_to_string(reinterpret_cast<const sockaddr*>(&v4)), "10.0.0.5");
  EXPECT_EQ(address_to_string(reinterpret_cast<const sockaddr*>(&v6)), "fe80::1");
  EXPECT_EQ(address_to_string(reinterpret_cast<const sockaddr*>(&mapped)), "::ffff:127.0.0.1");
}

TEST(AddressClassName, NamesEveryClassForLogLines) {
  EXPECT_STREQ(address_class_name(AddressClass::kPublic), "public");
  EXPECT_STREQ(address_class_name(AddressClass::kLoopback), "loopback");
  EXPECT_STREQ(address_class_name(AddressClass::kPrivate), "private");
  EXPECT_STREQ(address_class_name(AddressClass::kLinkLocal), "link-local");
  EXPECT_STREQ(address_class_name(AddressClass::kMulticast), "multicast");
  EXPECT_STREQ(address_class_name(AddressClass::kReserved), "reserved");
  EXPECT_STREQ(address_class_name(AddressClass::kUnsupported), "unsupported");
}

}  // namespace
}  // namespace akhbar::fetchers
