#include "fetchers/address_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace akhbar::fetchers {

namespace {

// One IPv4 range: the address masked with `prefix` bits equals `net`.
struct V4Range {
  std::uint32_t net;
  int prefix;
  AddressClass cls;
};

constexpr std::uint32_t v4(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

// Checked in order; the first match decides. RFC 6890 special-purpose registry, the ranges an
// outside crawler must never reach.
constexpr std::array<V4Range, 9> kV4Ranges{{
    {v4(0, 0, 0, 0), 8, AddressClass::kReserved},        // "this network" (0/8), unspecified
    {v4(127, 0, 0, 0), 8, AddressClass::kLoopback},      // RFC 1122
    {v4(10, 0, 0, 0), 8, AddressClass::kPrivate},        // RFC 1918
    {v4(172, 16, 0, 0), 12, AddressClass::kPrivate},     // RFC 1918
    {v4(192, 168, 0, 0), 16, AddressClass::kPrivate},    // RFC 1918
    {v4(100, 64, 0, 0), 10, AddressClass::kPrivate},     // RFC 6598 carrier-grade NAT
    {v4(169, 254, 0, 0), 16, AddressClass::kLinkLocal},  // RFC 3927
    {v4(224, 0, 0, 0), 4, AddressClass::kMulticast},     // RFC 5771
    {v4(240, 0, 0, 0), 4, AddressClass::kReserved},      // RFC 1112 reserved + 255.255.255.255
}};

AddressClass classify_v4(std::uint32_t host_order) {
  for (const auto& r : kV4Ranges) {
    const std::uint32_t mask = r.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - r.prefix);
    if ((host_order & mask) == r.net) return r.cls;
  }
  return AddressClass::kPublic;
}

AddressClass classify_v6(const std::uint8_t (&b)[16]) {
  static constexpr std::uint8_t kZero[16] = {};
  // ::ffff:a.b.c.d (IPv4-mapped, RFC 4291 2.5.5.2): judged as the IPv4 address it carries.
  static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, kMapped, 12) == 0) {
    return classify_v4((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) | (std::uint32_t{b[14]} << 8) |
                       b[15]);
  }
  if (std::memcmp(b, kZero, 15) == 0) {
    if (b[15] == 0) return AddressClass::kReserved;  // ::
    if (b[15] == 1) return AddressClass::kLoopback;  // ::1
  }
  // ::a.b.c.d (deprecated IPv4-compatible, RFC 4291 2.5.5.1): also judged as IPv4.
  if (std::memcmp(b, kZero, 12) == 0) {
    return classify_v4((std::uint32_t{b[12]} << 24) | (std::uint32_t{b[13]} << 16) | (std::uint32_t{b[14]} << 8) |
                       b[15]);
  }
  if (b[0] == 0xff) return AddressClass::kMulticast;                     // ff00::/8
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressClass::kLinkLocal;  // fe80::/10
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressClass::kPrivate;    // fec0::/10 site-local (deprecated)
  if ((b[0] & 0xfe) == 0xfc) return AddressClass::kPrivate;               // fc00::/7 unique local
  return AddressClass::kPublic;
}

}  // namespace

AddressClass classify_address(const sockaddr* addr) {
  if (addr == nullptr) return AddressClass::kUnsupported;
  // Copied out: curl's sockaddr is a union member, reading it through another type is not ours to assume.
  if (addr->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, addr, sizeof in);
    return classify_v4(ntohl(in.sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, addr, sizeof in6);
    std::uint8_t bytes[16];
    std::memcpy(bytes, &in6.sin6_addr, sizeof bytes);
    return classify_v6(bytes);
  }
  return AddressClass::kUnsupported;
}

const char* address_class_name(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic: return "public";
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kPrivate: return "private";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kMulticast: return "multicast";
    case AddressClass::kReserved: return "reserved";
    case AddressClass::kUnsupported: return "unsupported";
  }
  return "unsupported";
}

std::string address_to_string(const sockaddr* addr) {
  if (addr == nullptr) return "?";
  char text[INET6_ADDRSTRLEN] = {};
  if (addr->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, addr, sizeof in);
    if (inet_ntop(AF_INET, &in.sin_addr, text, sizeof text) != nullptr) return text;
  } else if (addr->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, addr, sizeof in6);
    if (inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text) != nullptr) return text;
  }
  return "?";
}

}  // namespace akhbar::fetchers
