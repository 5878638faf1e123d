#pragma once

#include <string>

namespace lambdad {

/// A random (version 4) UUID in lower-case 8-4-4-4-12 form, from OpenSSL's RAND_bytes.
std::string random_uuid();

/// A time-based (version 1) UUID. The node id and clock sequence are random with the multicast
/// bit set, as RFC 4122 section 4.5 allows for hosts that do not use a MAC address.
std::string time_uuid();

}  // namespace lambdad
