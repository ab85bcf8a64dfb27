#include "data/idx_reader.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>

namespace td {
namespace {

bool fileExists(const std::string &path)
{
    struct stat st
    {
    };
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

Status readWholeFile(const std::string &path, std::vector<uint8_t> &bytes)
{
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {ErrorKind::Data, "cannot open " + path + ": " + std::strerror(errno)};
    bytes.clear();
    uint8_t buffer[1 << 16];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
        bytes.insert(bytes.end(), buffer, buffer + n);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed)
        return {ErrorKind::Io, "read error on " + path};
    return Status::ok();
}

// Inflates a whole gzip stream (also concatenated members); rejects truncation and corruption.
Status gunzip(const std::vector<uint8_t> &in, const std::string &name, std::vector<uint8_t> &out)
{
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        return {ErrorKind::Data, "zlib init failed for " + name};
    out.clear();
    out.reserve(in.size() * 4);
    zs.next_in = const_cast<Bytef *>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    uint8_t buffer[1 << 16];
    int rc = Z_OK;
    while (true) {
        zs.next_out = buffer;
        zs.avail_out = sizeof buffer;
        rc = inflate(&zs, Z_NO_FLUSH);
        out.insert(out.end(), buffer, buffer + (sizeof buffer - zs.avail_out));
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0)
                break;
            // Another gzip member follows.
            if (inflateReset(&zs) != Z_OK) {
                rc = Z_DATA_ERROR;
                break;
            }
            continue;
        }
        if (rc != Z_OK) {
            break;
        }
        if (zs.avail_in == 0 && zs.avail_out != 0) {
            rc = Z_BUF_ERROR; // input ended before the stream did
            break;
        }
    }
    const std::string zmsg = zs.msg ? zs.msg : "";
    inflateEnd(&zs);
    if (rc == Z_STREAM_END)
        return Status::ok();
    if (rc == Z_BUF_ERROR)
        return {ErrorKind::Data, name + ": compressed data is truncated"};
    return {ErrorKind::Data,
            name + ": compressed data is corrupt" + (zmsg.empty() ? "" : " (" + zmsg + ")")};
}

uint32_t readBigEndian32(const uint8_t *p)
{
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3];
}

} // namespace

Status parseIdx(const std::vector<uint8_t> &bytes, const std::string &name, IdxArray &out)
{
    if (bytes.size() < 4)
        return {ErrorKind::Data, name + ": file too short for an IDX header"};
    if (bytes[0] != 0 || bytes[1] != 0)
        return {ErrorKind::Data, name + ": bad magic number (not an IDX file)"};
    if (bytes[2] != 0x08)
        return {ErrorKind::Data, name + ": unsupported IDX element type " +
                                     std::to_string(bytes[2]) +
                                     " (only unsigned bytes are supported)"};
    const unsigned rank = bytes[3];
    if (rank == 0 || rank > 4)
        return {ErrorKind::Data,
                name + ": bad magic number (IDX rank " + std::to_string(rank) + ")"};
    const size_t headerSize = 4 + 4 * size_t(rank);
    if (bytes.size() < headerSize)
        return {ErrorKind::Data, name + ": truncated IDX header"};
    out.dims.resize(rank);
    uint64_t count = 1;
    for (unsigned i = 0; i < rank; ++i) {
        out.dims[i] = readBigEndian32(&bytes[4 + 4 * i]);
        count *= out.dims[i];
        if (count > (uint64_t(1) << 34))
            return {ErrorKind::Data, name + ": IDX dimensions are implausibly large"};
    }
    const uint64_t available = bytes.size() - headerSize;
    if (available < count)
        return {ErrorKind::Data, name + ": truncated: header promises " + std::to_string(count) +
                                     " bytes of data, file has " + std::to_string(available)};
    if (available > count)
        return {ErrorKind::Data, name + ": " + std::to_string(available - count) +
                                     " unexpected trailing bytes after the IDX data"};
    out.data.assign(bytes.begin() + long(headerSize), bytes.end());
    return Status::ok();
}

Status readIdxFile(const std::string &path, IdxArray &out)
{
    std::string actual = path;
    if (!fileExists(actual)) {
        if (fileExists(path + ".gz"))
            actual = path + ".gz";
        else
            return {ErrorKind::Data, "missing data file " + path + " (nor " + path + ".gz)"};
    }
    std::vector<uint8_t> raw;
    TD_RETURN_IF_ERROR(readWholeFile(actual, raw));
    const bool gzipped = raw.size() >= 2 && raw[0] == 0x1f && raw[1] == 0x8b;
    if (!gzipped)
        return parseIdx(raw, actual, out);
    std::vector<uint8_t> inflated;
    TD_RETURN_IF_ERROR(gunzip(raw, actual, inflated));
    return parseIdx(inflated, actual, out);
}

} // namespace td
