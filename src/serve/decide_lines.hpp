// `POST /v1/decisions` with a JSON Lines body (docs/serve.md): the claims decided chunk by chunk
// as the body arrives, by `cotation eval`'s batch driver (cotation/batch.hpp), their records
// streamed back in a chunked response. In: the request, its content reader (the body is read
// once the status is sent) and the Context; out: the response, whose provider reads, decides and
// writes, ending the stream with a problem record when the body passes a limit.
#pragma once

#include <httplib.h>

#include "serve/server.hpp"

namespace cotation::serve {

void decide_lines(const httplib::Request& request, httplib::Response& response, const httplib::ContentReader& reader,
                  const Context& context, bool explain, Language language);

}  // namespace cotation::serve
