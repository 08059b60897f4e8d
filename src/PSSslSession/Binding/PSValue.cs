using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

using PSSslSession.Engine;

namespace PSSslSession.Commands
{
    /// <summary>Strips the PSObject wrappers PowerShell puts around arguments (also inside arrays).</summary>
    internal static class PSValue
    {
        /// <summary>The base object of a PSObject (recursively), and of each element of an object[].</summary>
        public static object? Unwrap(object? value)
        {
            while (value is PSObject ps) value = ps.BaseObject;
            // object[] from "1,2,3", ArrayList/List<object> from scripts: their elements may be wrapped too.
            if (value is IList items && !(value is byte[]))
            {
                var copy = new object?[items.Count];
                for (int i = 0; i < items.Count; i++) copy[i] = Unwrap(items[i]);
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
