#pragma once

#include <QByteArray>

struct evp_md_ctx_st;

namespace td {

// Incremental SHA-256 through libcrypto (already loaded for libssh), which uses the CPU's SHA
// extensions where present: several times faster than QCryptographicHash in Qt 6.4, and upload
// hashing runs on the same core that encrypts the stream.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void reset();
    void addData(const char *data, qint64 size);
    void addData(const QByteArray &data) { addData(data.constData(), data.size()); }
    QByteArray hexResult(); // lowercase hex; the object must be reset() before reuse

    static QByteArray hexOf(const QByteArray &data);

private:
    evp_md_ctx_st *m_ctx;
};

} // namespace td
