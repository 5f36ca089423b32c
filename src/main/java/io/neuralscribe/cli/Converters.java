package io.neuralscribe.cli;

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
}
