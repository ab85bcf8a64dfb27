// The per-element mixed-precision math the CUDA kernels run (math/mixed_precision.h), checked
// on the CPU: FP16/BF16 rounding (known values, every 16-bit pattern, nearest-even ties),
// overflow and NaN handling, the gradient unscale/inf check, and the loss-scale state machine.
#include "math/mixed_precision.h"
#include "train/loss_scaler.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <random>

using namespace td;

namespace {

float fromBits(uint32_t u)
{
    return bitsToFloat(u);
}

} // namespace

class TestEngineMixed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void halfKnownValues()
    {
        QCOMPARE(floatToHalfBits(1.0f), uint16_t(0x3c00));
        QCOMPARE(floatToHalfBits(-2.0f), uint16_t(0xc000));
        QCOMPARE(floatToHalfBits(0.1f), uint16_t(0x2e66));
        QCOMPARE(floatToHalfBits(-0.0f), uint16_t(0x8000));
        QCOMPARE(floatToHalfBits(65504.0f), uint16_t(0x7bff)); // largest half
        QCOMPARE(floatToHalfBits(65519.0f), uint16_t(0x7bff)); // below the halfway point
        QCOMPARE(floatToHalfBits(65520.0f), uint16_t(0x7c00)); // the tie rounds to even: inf
        QCOMPARE(floatToHalfBits(1e9f), uint16_t(0x7c00));
        QCOMPARE(floatToHalfBits(-std::numeric_limits<float>::infinity()), uint16_t(0xfc00));
        QCOMPARE(floatToHalfBits(std::ldexp(1.0f, -14)), uint16_t(0x0400)); // smallest normal
        QCOMPARE(floatToHalfBits(std::ldexp(1.0f, -24)), uint16_t(0x0001)); // smallest subnormal
        QCOMPARE(floatToHalfBits(std::ldexp(1.0f, -25)), uint16_t(0x0000)); // tie: to even (0)
        QCOMPARE(floatToHalfBits(std::ldexp(1.5f, -25)), uint16_t(0x0001));
        QCOMPARE(floatToHalfBits(std::ldexp(1.5f, -24)), uint16_t(0x0002)); // tie: to even (2)
        QCOMPARE(floatToHalfBits(1.0f + std::ldexp(1.0f, -11)), uint16_t(0x3c00));     // tie down
        QCOMPARE(floatToHalfBits(1.0f + 3 * std::ldexp(1.0f, -11)), uint16_t(0x3c02)); // tie up
        // Largest subnormal rounding up into the smallest normal.
        QCOMPARE(floatToHalfBits(std::ldexp(1.0f, -14) - std::ldexp(1.0f, -26)), uint16_t(0x0400));
        const uint16_t nan = floatToHalfBits(std::numeric_limits<float>::quiet_NaN());
        QCOMPARE(nan & 0x7c00, 0x7c00);
        QVERIFY((nan & 0x3ff) != 0);
        QCOMPARE(halfBitsToFloat(0x3555), 0.333251953125f);
        QCOMPARE(halfBitsToFloat(0x8001), -std::ldexp(1.0f, -24));
    }

    void halfRoundTripsEveryPattern()
    {
        for (uint32_t h = 0; h < 65536; ++h) {
            const float f = halfBitsToFloat(uint16_t(h));
            const bool isNan = (h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0;
            if (isNan) {
                QVERIFY(std::isnan(f));
                QVERIFY(std::isnan(halfBitsToFloat(floatToHalfBits(f))));
            } else if (floatToHalfBits(f) != h) {
                QFAIL(qPrintable(QStringLiteral("half 0x%1 does not round-trip").arg(h, 4, 16)));
            }
        }
    }

    // Against a double-precision reference: the chosen half is never farther from x than its
    // neighbours, and on an exact tie it is the even one.
    void halfRoundsToNearestEven()
    {
        std::mt19937 gen(7);
        std::uniform_real_distribution<float> mant(-1.0f, 1.0f);
        std::uniform_int_distribution<int> exp(-27, 16);
        for (int i = 0; i < 200000; ++i) {
            const float x = std::ldexp(mant(gen), exp(gen));
            const uint16_t h = floatToHalfBits(x);
            const double err = std::abs(double(halfBitsToFloat(h)) - double(x));
            if (std::isinf(halfBitsToFloat(h))) {
                QVERIFY(std::abs(x) >= 65520.0f);
                continue;
            }
            QVERIFY(std::abs(x) < 65520.0f);
            for (int d : {-1, 1}) {
                const uint16_t n = uint16_t(h + d);
                if ((n & 0x7fff) >= 0x7c00 || ((n ^ h) & 0x8000))
                    continue; // left the finite range or crossed zero
                const double other = std::abs(double(halfBitsToFloat(n)) - double(x));
                QVERIFY2(err < other || (err == other && (h & 1) == 0),
                         qPrintable(QStringLiteral("%1 -> 0x%2").arg(double(x)).arg(h, 4, 16)));
            }
        }
    }

    void bf16Rounding()
    {
        QCOMPARE(floatToBf16Bits(1.0f), uint16_t(0x3f80));
        QCOMPARE(floatToBf16Bits(fromBits(0x3f808000)), uint16_t(0x3f80)); // tie to even, down
        QCOMPARE(floatToBf16Bits(fromBits(0x3f818000)), uint16_t(0x3f82)); // tie to even, up
        QCOMPARE(floatToBf16Bits(fromBits(0x3f808001)), uint16_t(0x3f81));
        QCOMPARE(floatToBf16Bits(std::numeric_limits<float>::max()), uint16_t(0x7f80)); // inf
        QVERIFY(std::isnan(bf16BitsToFloat(floatToBf16Bits(fromBits(0x7f800001)))));
        QCOMPARE(bf16BitsToFloat(0xc040), -3.0f);
        for (uint32_t b = 0; b < 65536; ++b) {
            const float f = bf16BitsToFloat(uint16_t(b));
            if (std::isnan(f))
                QVERIFY(std::isnan(bf16BitsToFloat(floatToBf16Bits(f))));
            else if (floatToBf16Bits(f) != b)
                QFAIL(qPrintable(QStringLiteral("bf16 0x%1 does not round-trip").arg(b, 4, 16)));
        }
    }

    void unscaleFlagsOverflow()
    {
        bool bad = false;
        QCOMPARE(unscaleGradient(1024.0f, 1.0f / 1024.0f, &bad), 1.0f);
        QCOMPARE(unscaleGradient(-3.0f, 0.5f, &bad), -1.5f);
        QVERIFY(!bad);
        unscaleGradient(std::numeric_limits<float>::infinity(), 0.5f, &bad);
        QVERIFY(bad);
        bad = false;
        unscaleGradient(std::numeric_limits<float>::quiet_NaN(), 0.5f, &bad);
        QVERIFY(bad);
        bad = false;
        unscaleGradient(std::numeric_limits<float>::max(), 0.5f, &bad);
        QVERIFY(!bad);
        QVERIFY(isNonFinite(-std::numeric_limits<float>::infinity()));
        QVERIFY(!isNonFinite(std::numeric_limits<float>::denorm_min()));
    }

    void lossScalerStateMachine()
    {
        LossScaler s(3);
        QCOMPARE(s.scale(), 65536.0f);
        QVERIFY(!s.update(false)); // overflow: skip and halve
        QCOMPARE(s.scale(), 32768.0f);
        QCOMPARE(s.skippedSteps(), int64_t(1));
        QVERIFY(s.update(true));
        QVERIFY(s.update(true));
        QCOMPARE(s.scale(), 32768.0f);
        QVERIFY(s.update(true)); // third good step in a row: grow
        QCOMPARE(s.scale(), 65536.0f);
        QCOMPARE(s.goodSteps(), int64_t(0));
        QVERIFY(s.update(true));
        QVERIFY(!s.update(false)); // an overflow resets the run of good steps
        QCOMPARE(s.goodSteps(), int64_t(0));
        QCOMPARE(s.scale(), 32768.0f);
        for (int i = 0; i < 100; ++i)
            s.update(false);
        QCOMPARE(s.scale(), LossScaler::kMinScale);
        for (int i = 0; i < 1000; ++i)
            s.update(true);
        QCOMPARE(s.scale(), LossScaler::kMaxScale);
        s.restore(128.0f, 2, 5);
        QVERIFY(s.update(true));
        QCOMPARE(s.scale(), 256.0f); // restored good-step count carries on
        QCOMPARE(s.skippedSteps(), int64_t(5));
    }
};

QTEST_GUILESS_MAIN(TestEngineMixed)
#include "tst_engine_mixed.moc"
