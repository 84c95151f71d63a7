// fetchers/address_guard.h: the SSRF guard. Decides from a resolved socket address (never from the
// host name) whether akhbard may connect: with allow_private_addresses false, loopback (127/8, ::1),
// private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10), CGNAT
// (100.64/10), unspecified (0/8, ::), multicast (224/4, ff00::/8), broadcast/reserved (240/4) and
// IPv4-mapped forms of these are refused. The HTTP client calls it for every connection curl opens,
// so it holds after every redirect.
#pragma once
#include <string>

struct sockaddr;

namespace akhbar::fetchers {

enum class AddressClass { kPublic, kLoopback, kPrivate, kLinkLocal, kMulticast, kReserved, kUnsupported };

AddressClass classify_address(const sockaddr* addr);
// "loopback", "private", ... for log lines.
const char* address_class_name(AddressClass c);
// "10.1.2.3" or "fe80::1".
std::string address_to_string(const sockaddr* addr);

}  // namespace akhbar::fetchers
