#include "core/remote/Sha256.h"

#include <openssl/evp.h>

namespace td {

Sha256::Sha256() : m_ctx(EVP_MD_CTX_new())
{
    reset();
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::reset()
{
    EVP_DigestInit_ex(m_ctx, EVP_sha256(), nullptr);
}

void Sha256::addData(const char *data, qint64 size)
{
    if (size > 0)
        EVP_DigestUpdate(m_ctx, data, size_t(size));
}

QByteArray Sha256::hexResult()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, digest, &len);
    return QByteArray(reinterpret_cast<const char *>(digest), int(len)).toHex();
}

QByteArray Sha256::hexOf(const QByteArray &data)
{
    Sha256 h;
    h.addData(data);
    return h.hexResult();
}

} // namespace td
