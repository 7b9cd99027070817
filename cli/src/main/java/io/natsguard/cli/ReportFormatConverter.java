package io.natsguard.cli;

import io.natsguard.report.ReportFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --format NAME} read as the report format it names; picocli reports any other name as bad usage. */
final class ReportFormatConverter implements ITypeConverter<ReportFormat> {

    @Override
    public ReportFormat convert(String name) {
        if (!ReportFormat.NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            throw new TypeConversionException("unknown format '" + name + "' (" + String.join(", ", ReportFormat.NAMES) + ")");
        }
        return ReportFormat.named(name);
    }
}
