package io.neuralscribe.train;

import ai.djl.training.tracker.Tracker;

/**
 * Cosine annealing with warm restarts (Loshchilov and Hutter; PyTorch's CosineAnnealingWarmRestarts
 * stepped every batch with a fractional epoch): the first cycle lasts T0 epochs, each next one
 * Tmult times longer.
 */
public final class WarmRestartSchedule implements Tracker {
    private final double baseRate;
    private final double minRate;
    private final double firstCycle;
    private final double cycleGrowth;
    private final int stepsPerEpoch;

    public WarmRestartSchedule(double baseRate, double minRate, double firstCycle, double cycleGrowth, int stepsPerEpoch) {
        if (firstCycle <= 0 || cycleGrowth < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("need T0 > 0, Tmult ≥ 1 and at least one step an epoch");
        }
        this.baseRate = baseRate;
        this.minRate = minRate;
        this.firstCycle = firstCycle;
        this.cycleGrowth = cycleGrowth;
        this.stepsPerEpoch = stepsPerEpoch;
    }

    /** The learning rate at a (fractional) epoch. */
    public double rateAt(double epoch) {
        double position;
        double length;
        if (cycleGrowth == 1) {
            position = epoch % firstCycle;
            length = firstCycle;
        } else {
            int cycle = (int) Math.floor(Math.log(epoch / firstCycle * (cycleGrowth - 1) + 1) / Math.log(cycleGrowth));
            double start = firstCycle * (Math.pow(cycleGrowth, cycle) - 1) / (cycleGrowth - 1);
            length = firstCycle * Math.pow(cycleGrowth, cycle);
            // The logarithm can land a hair off a whole number at a restart (log_1.5 of 7.59375 gives
            // 4.999…): step to the cycle that really holds the epoch.
            if (epoch >= start + length) {
                cycle++;
            } else if (epoch < start && cycle > 0) {
                cycle--;
            }
            start = firstCycle * (Math.pow(cycleGrowth, cycle) - 1) / (cycleGrowth - 1);
            length = firstCycle * Math.pow(cycleGrowth, cycle);
            position = epoch - start;
        }
        return minRate + (baseRate - minRate) * (1 + Math.cos(Math.PI * position / length)) / 2;
    }

    /** DJL counts updates from 1; update {@code n} trains on batch {@code n − 1}. */
    @Override
    public float getNewValue(int numUpdate) {
        return (float) rateAt((double) Math.max(numUpdate - 1, 0) / stepsPerEpoch);
    }

    /** The same schedule for a run that resumes after {@code updates} updates were made. */
    public Tracker after(int updates) {
        WarmRestartSchedule schedule = this;
        return new Tracker() {
            @Override
            public float getNewValue(int numUpdate) {
                return schedule.getNewValue(numUpdate + updates);
            }
        };
    }

    /** True when {@code epochs} ends exactly where a cycle ends (where the rate reaches its minimum). */
    public boolean endsACycle(int epochs) {
        double end = 0;
        double length = firstCycle;
        while (end < epochs - 1e-9) {
            end += length;
            length *= cycleGrowth;
        }
        return Math.abs(end - epochs) < 1e-9;
    }
}
