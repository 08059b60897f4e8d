using System;
using System.Globalization;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>
    /// Turns a duration parameter (-Timeout) into a <see cref="TimeSpan"/>: a TimeSpan, a number of seconds
    /// (as OpenSSL's <c>SSL_CTX_set_timeout</c> takes), or text: "300" (seconds) or "01:30:00" (TimeSpan form).
    /// </summary>
    internal static class DurationInput
    {
        /// <exception cref="FormatException">Neither a TimeSpan nor a number of seconds.</exception>
        public static TimeSpan ToTimeSpan(object? value)
        {
            switch (value)
            {
                case TimeSpan span:
                    return span;
                case byte _: case sbyte _: case short _: case ushort _: case int _: case uint _: case long _: case ulong _:
                case float _: case double _: case decimal _:
                    return FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                case string text:
                    var t = text.Trim();
                    if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return FromSeconds(seconds);
                    if (TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var parsed)) return parsed;
                    throw new FormatException($"'{text}' is not a duration. Give a number of seconds (300) or a TimeSpan (00:05:00).");
                default:
                    throw new FormatException($"A value of type {value?.GetType().Name ?? "null"} is not a duration. Give a number of seconds or a TimeSpan.");
            }
        }

        /// <summary>Whole seconds of a duration (OpenSSL keeps session times in seconds), rounded toward zero.</summary>
        public static long ToSeconds(TimeSpan span) => span.Ticks / TimeSpan.TicksPerSecond;

        private static TimeSpan FromSeconds(double seconds)
        {
            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || Math.Abs(seconds) > TimeSpan.MaxValue.TotalSeconds)
                throw new FormatException($"{seconds} seconds is not a usable duration.");
            return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }
    }
}
