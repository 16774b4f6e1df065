#pragma once
// The whole HTTP/1.1 codec: parsers, writers, query strings.

#include <sio/proto/http/errc.hpp>
#include <sio/proto/http/feed_result.hpp>
#include <sio/proto/http/header.hpp>
#include <sio/proto/http/limits.hpp>
#include <sio/proto/http/percent_decode.hpp>
#include <sio/proto/http/query_params.hpp>
#include <sio/proto/http/reason_phrase.hpp>
#include <sio/proto/http/request.hpp>
#include <sio/proto/http/request_parser.hpp>
#include <sio/proto/http/response.hpp>
#include <sio/proto/http/response_parser.hpp>
#include <sio/proto/http/writer.hpp>
