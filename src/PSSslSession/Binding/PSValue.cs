using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace PSSslSession.Commands
{
    /// <summary>Strips the PSObject wrappers PowerShell puts around arguments (also inside arrays).</summary>
    internal static class PSValue
    {
        /// <summary>The base object of a PSObject (recursively), and of each element of an object[].</summary>
        public static object? Unwrap(object? value)
        {
            while (value is PSObject ps) value = ps.BaseObject;
            if (value is object[] items)
            {
                var copy = new object?[items.Length];
                for (int i = 0; i < items.Length; i++) copy[i] = Unwrap(items[i]);
                return copy;
            }
            return value;
        }

        /// <summary>The base objects of a scriptblock's output, nulls dropped.</summary>
        public static IReadOnlyList<object> BaseObjects(IEnumerable output)
        {
            var list = new List<object>();
            foreach (var item in output)
            {
                var value = Unwrap(item);
                if (value != null) list.Add(value);
            }
            return list;
        }
    }
}
