package io.neuralscribe.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WarmRestartScheduleTest {
    private static final double BASE = 3e-3;

    /**
     * PyTorch's CosineAnnealingWarmRestarts, as its documentation writes it: for Tmult ≠ 1,
     * n = floor(log_Tmult(epoch/T0·(Tmult−1) + 1)), T_cur = epoch − T0·(Tmult^n − 1)/(Tmult − 1),
     * T_i = T0·Tmult^n; η = η_min + (η_max − η_min)(1 + cos(π·T_cur/T_i))/2. Here the cycle is found by
     * walking the cycles, so a slip in the logarithm shows.
     */
    private static double closedForm(double epoch, double base, double min, double t0, double mult) {
        double start = 0;
        double length = t0;
        while (epoch >= start + length) {
            start += length;
            length *= mult;
        }
        return min + (base - min) * (1 + Math.cos(Math.PI * (epoch - start) / length)) / 2;
    }

    @Test
    void valuesAtWholeEpochs() {
        WarmRestartSchedule schedule = new WarmRestartSchedule(BASE, 0, 10, 2, 100);
        assertEquals(3e-3, schedule.rateAt(0), 1e-12);
        assertEquals(1.5e-3, schedule.rateAt(5), 1e-12); // halfway: (1 + cos π/2)/2 = 1/2
        assertEquals(3e-3, schedule.rateAt(10), 1e-12); // restart
        assertEquals(1.5e-3, schedule.rateAt(20), 1e-12); // halfway through the 20-epoch cycle
        assertEquals(3e-3, schedule.rateAt(30), 1e-12); // restart
        assertEquals(1.5e-3, schedule.rateAt(50), 1e-12); // halfway through the 40-epoch cycle
        assertEquals(3e-3, schedule.rateAt(70), 1e-12); // restart
        assertEquals(0, schedule.rateAt(10 - 1e-9), 1e-9); // the end of the first cycle is the minimum
        assertEquals(3e-3 * (1 + Math.cos(Math.PI / 4)) / 2, schedule.rateAt(2.5), 1e-12);
        assertEquals(3e-3 * (1 + Math.cos(Math.PI * 5 / 20)) / 2, schedule.rateAt(15), 1e-12);
    }

    @Test
    void matchesPyTorchsClosedFormEverywhere() {
        for (double[] p : new double[][] {{10, 2, 0}, {10, 2, 1e-5}, {3, 3, 1e-4}, {5, 1, 0}, {2, 1.5, 0}}) {
            WarmRestartSchedule schedule = new WarmRestartSchedule(BASE, p[2], p[0], p[1], 7);
            for (double epoch = 0; epoch < 120; epoch += 0.125) {
                assertEquals(closedForm(epoch, BASE, p[2], p[0], p[1]), schedule.rateAt(epoch), 1e-10,
                        "T0=" + p[0] + " Tmult=" + p[1] + " epoch " + epoch);
            }
        }
    }

    @Test
    void djlUpdateCountsAreOneBased() {
        int steps = 100;
        WarmRestartSchedule schedule = new WarmRestartSchedule(BASE, 0, 10, 2, steps);
        assertEquals((float) BASE, schedule.getNewValue(1)); // first update: batch 0 of epoch 0
        assertEquals((float) schedule.rateAt(0.01), schedule.getNewValue(2));
        assertEquals((float) schedule.rateAt(0.99), schedule.getNewValue(100)); // last batch of epoch 0
        assertEquals((float) schedule.rateAt(1), schedule.getNewValue(101)); // first batch of epoch 1
        assertEquals((float) 1.5e-3, schedule.getNewValue(5 * steps + 1));
        assertEquals((float) BASE, schedule.getNewValue(10 * steps + 1)); // restart
        assertEquals((float) (BASE * (1 + Math.cos(Math.PI * 0.25)) / 2), schedule.getNewValue(250 + 1));
        assertEquals((float) BASE, schedule.getNewValue(0)); // never negative epochs
    }

    @Test
    void endsACycle() {
        WarmRestartSchedule schedule = new WarmRestartSchedule(BASE, 0, 10, 2, 10);
        assertTrue(schedule.endsACycle(10));
        assertTrue(schedule.endsACycle(30));
        assertTrue(schedule.endsACycle(70));
        assertTrue(schedule.endsACycle(150));
        assertFalse(schedule.endsACycle(15));
        assertFalse(schedule.endsACycle(20));
        assertFalse(schedule.endsACycle(1));
        assertFalse(schedule.endsACycle(69));
        WarmRestartSchedule constant = new WarmRestartSchedule(BASE, 0, 4, 1, 10);
        assertTrue(constant.endsACycle(4));
        assertTrue(constant.endsACycle(12));
        assertFalse(constant.endsACycle(6));
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new WarmRestartSchedule(BASE, 0, 0, 2, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmRestartSchedule(BASE, 0, 10, 0.5, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmRestartSchedule(BASE, 0, 10, 2, 0));
    }

    @Test
    void aResumedScheduleGoesOnWhereTheRunStopped() {
        WarmRestartSchedule schedule = new WarmRestartSchedule(1e-3, 0, 4, 2, 10);
        var resumed = schedule.after(25);
        for (int update = 1; update <= 40; update++) {
            assertEquals(schedule.getNewValue(update + 25), resumed.getNewValue(update), 1e-12);
        }
        assertTrue(resumed.getNewValue(1) < schedule.getNewValue(1), "mid-cycle, not back at the peak");
    }
}
