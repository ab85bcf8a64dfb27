// IDX reader: the real files' headers, and clear errors for damaged files.
#include "data/dataset.h"
#include "data/idx_reader.h"

#include <QTest>

class TestEngineIdx : public QObject
{
    Q_OBJECT

private:
    static std::string fixture(const char *name)
    {
        return std::string(TRAINDECK_TEST_DATA) + "/engine/" + name;
    }

    static void expectError(const std::string &path, const char *fragment)
    {
        td::IdxArray a;
        const td::Status s = td::readIdxFile(path, a);
        QVERIFY2(!s.isOk(), path.c_str());
        QCOMPARE(s.kind(), td::ErrorKind::Data);
        QVERIFY2(s.message().find(fragment) != std::string::npos, s.message().c_str());
        QVERIFY2(s.message().find(path) != std::string::npos, "the message names the file");
    }

private Q_SLOTS:
    void readsGzipFixture()
    {
        td::IdxArray images;
        const td::Status s =
            td::readIdxFile(fixture("fmnist-small/train-images-idx3-ubyte.gz"), images);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(images.dims.size(), size_t(3));
        QCOMPARE(images.dims[0], 200u);
        QCOMPARE(images.dims[1], 28u);
        QCOMPARE(images.data.size(), size_t(200 * 28 * 28));
    }

    void findsGzipWhenPlainNameGiven()
    {
        td::IdxArray labels;
        const td::Status s =
            td::readIdxFile(fixture("fmnist-small/train-labels-idx1-ubyte"), labels);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(labels.dims, std::vector<uint32_t>{200});
        for (uint8_t l : labels.data)
            QVERIFY(l < 10);
    }

    void rejectsBadMagic() { expectError(fixture("bad-magic-images-idx3-ubyte"), "bad magic"); }
    void rejectsTruncated() { expectError(fixture("truncated-images-idx3-ubyte"), "truncated"); }
    void rejectsCorruptGzip() { expectError(fixture("corrupt-images-idx3-ubyte.gz"), "corrupt"); }
    void rejectsTruncatedGzip()
    {
        expectError(fixture("truncated-images-idx3-ubyte.gz"), "truncated");
    }

    void missingFileIsNamed()
    {
        td::IdxArray a;
        const std::string path = fixture("no-such-file-idx3-ubyte");
        const td::Status s = td::readIdxFile(path, a);
        QCOMPARE(s.kind(), td::ErrorKind::Data);
        QVERIFY(s.message().find("missing") != std::string::npos);
        QVERIFY(s.message().find(path) != std::string::npos);
    }

    void rejectsTrailingBytes()
    {
        std::vector<uint8_t> bytes = {0, 0, 8, 1, 0, 0, 0, 2, 7, 9, 1};
        td::IdxArray a;
        const td::Status s = td::parseIdx(bytes, "x", a);
        QVERIFY(!s.isOk());
        QVERIFY(s.message().find("trailing") != std::string::npos);
        bytes.pop_back();
        QVERIFY(td::parseIdx(bytes, "x", a).isOk());
        QCOMPARE(a.data, (std::vector<uint8_t>{7, 9}));
    }

    void datasetSplitsAndNormalises()
    {
        td::DatasetOptions o;
        o.limitTrain = 150;
        td::Dataset d;
        const td::Status s = td::loadDataset(fixture("fmnist-small"), o, d);
        QVERIFY2(s.isOk(), s.message().c_str());
        QCOMPARE(d.val.count, td::defaultValSize(150)); // scaled down for a small limit
        QCOMPARE(d.train.count + d.val.count, int64_t(150));
        QCOMPARE(d.test.count, int64_t(100));
        double sum = 0, sq = 0;
        for (float v : d.train.images) {
            sum += v;
            sq += double(v) * v;
        }
        const double n = double(d.train.images.size());
        QVERIFY(std::abs(sum / n) < 1e-4);      // zero mean on the training part
        QVERIFY(std::abs(sq / n - 1.0) < 1e-3); // unit variance
    }

    void missingDirectoryIsDataError()
    {
        td::Dataset d;
        const td::Status s = td::loadDataset(fixture("no-such-dir"), {}, d);
        QCOMPARE(s.kind(), td::ErrorKind::Data);
        QVERIFY(s.message().find("no-such-dir") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestEngineIdx)
#include "tst_engine_idx.moc"
