package io.neuralscribe.cli;

import io.neuralscribe.inference.Expectation;
import io.neuralscribe.data.EmnistSplit;
import io.neuralscribe.model.Architecture;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns command-line words into our types, with messages that list what is accepted. */
final class Converters {
    private Converters() {}

    static final class Split implements ITypeConverter<EmnistSplit> {
        @Override
        public EmnistSplit convert(String value) {
            try {
                return EmnistSplit.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Arch implements ITypeConverter<Architecture> {
        @Override
        public Architecture convert(String value) {
            try {
                return Architecture.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Expect implements ITypeConverter<Expectation> {
        @Override
        public Expectation convert(String value) {
            Expectation expect = Expectation.parse(value);
            if (expect == null) {
                throw new TypeConversionException("'" + value + "' is not one of any, digits, letters, upper, lower");
            }
            return expect;
        }
    }

    /** {@code candidate} or {@code current}: which model a run that replaces one keeps. */
    static final class Keep implements ITypeConverter<CandidatePrompt.Keep> {
        @Override
        public CandidatePrompt.Keep convert(String value) {
            return switch (value) {
                case "candidate" -> CandidatePrompt.Keep.CANDIDATE;
                case "current" -> CandidatePrompt.Keep.CURRENT;
                default -> throw new TypeConversionException("'" + value + "' is not one of candidate, current");
            };
        }
    }
}
