using System;

namespace PSSslSession.Engine.Cache
{
    /// <summary>
    /// PowerShell-style wildcard matching without a PowerShell reference: <c>*</c>, <c>?</c>, <c>[abc]</c>,
    /// <c>[a-z]</c>, and a backtick escaping the next character. Case-insensitive.
    /// </summary>
    internal static class Wildcard
    {
        public static bool HasWildcards(string pattern) => pattern.IndexOfAny(new[] { '*', '?', '[' }) >= 0;

        public static bool IsMatch(string text, string pattern) => Match(text, 0, pattern, 0);

        private static bool Match(string text, int t, string pattern, int p)
        {
            while (p < pattern.Length)
            {
                char c = pattern[p];
                if (c == '*')
                {
                    while (p < pattern.Length && pattern[p] == '*') p++;
                    if (p == pattern.Length) return true;
                    for (int i = t; i <= text.Length; i++)
                        if (Match(text, i, pattern, p)) return true;
                    return false;
                }
                if (t >= text.Length) return false;
                if (c == '?') { t++; p++; continue; }
                if (c == '[')
                {
                    int close = pattern.IndexOf(']', p + 1);
                    if (close > p + 1)
                    {
                        if (!InSet(text[t], pattern, p + 1, close)) return false;
                        t++;
                        p = close + 1;
                        continue;
                    }
                }
                if (c == '`' && p + 1 < pattern.Length) c = pattern[++p];
                if (char.ToUpperInvariant(c) != char.ToUpperInvariant(text[t])) return false;
                t++;
                p++;
            }
            return t == text.Length;
        }

        private static bool InSet(char ch, string pattern, int start, int end)
        {
            char u = char.ToUpperInvariant(ch);
            for (int i = start; i < end; i++)
            {
                char lo = char.ToUpperInvariant(pattern[i]);
                if (i + 2 < end && pattern[i + 1] == '-')
                {
                    char hi = char.ToUpperInvariant(pattern[i + 2]);
                    if (u >= lo && u <= hi) return true;
                    i += 2;
                }
                else if (u == lo)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
