// The engine's own JSON reader/writer and the config resolution built on it.
#include "common/json.h"
#include "train/train_config.h"

#include <QTest>

class TestEngineJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAndDumpsRoundTrip()
    {
        td::JsonValue v;
        const std::string text = "{\"a\":[1,2.5,-3e-2,true,false,null],"
                                 "\"s\":\"q\\\"\\\\\\n\\u00e9\\ud83d\\ude00\",\"o\":{}}";
        QVERIFY(td::parseJson(text, v, "t").isOk());
        QCOMPARE(v.find("a")->items().size(), size_t(6));
        QCOMPARE(v.find("a")->items()[2].asNumber(), -0.03);
        QCOMPARE(v.find("s")->asString(), std::string("q\"\\\n\xc3\xa9\xf0\x9f\x98\x80"));
        td::JsonValue again;
        QVERIFY(td::parseJson(v.dump(), again, "t").isOk());
        QCOMPARE(again.dump(), v.dump());
    }

    void rejectsMalformed()
    {
        for (const char *bad : {"{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "1 2", "{\"a\":01x}"}) {
            td::JsonValue v;
            const td::Status s = td::parseJson(bad, v, "cfg");
            QVERIFY2(!s.isOk(), bad);
            QCOMPARE(s.kind(), td::ErrorKind::Config);
            QVERIFY(s.message().find("byte") != std::string::npos);
        }
    }

    void numbersRoundTripExactly()
    {
        for (double d : {0.1, 1.0 / 3.0, 0.8358, 1e-8, 123456.0, -2.5e300}) {
            const std::string t = td::jsonNumber(d);
            QCOMPARE(std::strtod(t.c_str(), nullptr), d);
        }
        QCOMPARE(td::jsonNumber(std::nan("")), std::string("null"));
    }

    void flagsOverrideFileOverDefaults()
    {
        td::JsonValue overrides = td::JsonValue::object();
        overrides.set("model", td::JsonValue::string("cnn"));
        overrides.set("lr", td::JsonValue::number(0.01));
        td::TrainConfig c;
        QVERIFY(td::resolveTrainConfig("", overrides, c).isOk());
        QCOMPARE(c.model, std::string("cnn"));
        QCOMPARE(c.lr, 0.01);
        QCOMPARE(c.batchSize, 128);
        QVERIFY(c.architecture.isArray());
        td::TrainConfig back;
        QVERIFY(td::trainConfigFromJson(c.toJson(), back).isOk());
        QCOMPARE(back.toJson().dump(), c.toJson().dump());
    }

    void rejectsUnknownAndBadSettings()
    {
        td::TrainConfig c;
        td::JsonValue o = td::JsonValue::object();
        o.set("learning_rate", td::JsonValue::number(1));
        td::Status s = td::resolveTrainConfig("", o, c);
        QCOMPARE(s.kind(), td::ErrorKind::Config);
        QVERIFY(s.message().find("learning_rate") != std::string::npos);
        o = td::JsonValue::object();
        o.set("epochs", td::JsonValue::number(1.5));
        QCOMPARE(td::resolveTrainConfig("", o, c).kind(), td::ErrorKind::Config);
        o = td::JsonValue::object();
        o.set("model", td::JsonValue::string("transformer"));
        QCOMPARE(td::resolveTrainConfig("", o, c).kind(), td::ErrorKind::Config);
    }
};

QTEST_GUILESS_MAIN(TestEngineJson)
#include "tst_engine_json.moc"
