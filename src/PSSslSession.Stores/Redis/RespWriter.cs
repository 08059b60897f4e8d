using System.Globalization;
using System.IO;
using System.Text;

namespace PSSslSession.Stores.Redis
{
    /// <summary>Encodes a command as a RESP2 array of bulk strings (the only request form Redis needs).</summary>
    internal static class RespWriter
    {
        public static byte[] Encode(byte[][] args)
        {
            var ms = new MemoryStream();
            WriteHeader(ms, '*', args.Length);
            foreach (var arg in args)
            {
                WriteHeader(ms, '$', arg.Length);
                ms.Write(arg, 0, arg.Length);
                ms.WriteByte((byte)'\r');
                ms.WriteByte((byte)'\n');
            }
            return ms.ToArray();
        }

        private static void WriteHeader(MemoryStream ms, char type, int n)
        {
            var header = Encoding.ASCII.GetBytes(type + n.ToString(CultureInfo.InvariantCulture) + "\r\n");
            ms.Write(header, 0, header.Length);
        }
    }
}
