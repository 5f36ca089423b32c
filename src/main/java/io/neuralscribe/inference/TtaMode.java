package io.neuralscribe.inference;

/** Which drawings of a call the network also sees shifted and turned (test-time augmentation). */
public enum TtaMode {
    /** Each drawing once, as drawn. */
    OFF,
    /** Every drawing as its {@value Predictor#TTA_VARIANTS} variants. */
    ALL,
    /**
     * Every drawing first as drawn; those the network is unsure of (best class below
     * {@link Predictor#SURE}) then also as their other variants — the characters of a line, where
     * most characters are clear and full TTA would multiply the line's cost by five.
     */
    UNSURE;

    public static TtaMode of(boolean tta) {
        return tta ? ALL : OFF;
    }
}
