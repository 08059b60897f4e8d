using System.Text;
using PSSslSession.Stores.Redis;
using Xunit;

namespace PSSslSession.Stores.Tests
{
    public sealed class RespReaderTests
    {
        private static RespValue Read(string wire) => new RespReader(new MemoryStream(Encoding.ASCII.GetBytes(wire))).Read();

        private static SessionStoreError Fails(string wire) => Assert.Throws<SessionStoreException>(() => Read(wire)).Reason;

        [Fact]
        public void Reads_every_RESP2_type()
        {
            Assert.Equal("OK", Read("+OK\r\n").Text);
            Assert.Equal(RespKind.Error, Read("-ERR no\r\n").Kind);
            Assert.Equal(-42, Read(":-42\r\n").Integer);
            Assert.Equal("a\r\nb", Read("$4\r\na\r\nb\r\n").Text);
            Assert.Equal(RespKind.Null, Read("$-1\r\n").Kind);
            Assert.Equal(RespKind.Null, Read("*-1\r\n").Kind);
            var array = Read("*2\r\n$1\r\n0\r\n*1\r\n$3\r\nkey\r\n");
            Assert.Equal("key", array.Items![1].Items![0].Text);
            Assert.Empty(Read("$0\r\n\r\n").Bytes!);
        }

        [Theory]
        [InlineData("HTTP/1.1 400 Bad Request\r\n")]
        [InlineData("+OK\n")]
        [InlineData("+OK\rX")]
        [InlineData(":12a\r\n")]
        [InlineData(":\r\n")]
        [InlineData(": 1\r\n")]
        [InlineData("$-2\r\n")]
        [InlineData("$3\r\nabcd\r\n")]
        [InlineData("*-5\r\n")]
        [InlineData(":99999999999999999999\r\n")]
        public void Malformed_replies_are_ProtocolErrors(string wire)
        {
            Assert.Equal(SessionStoreError.ProtocolError, Fails(wire));
        }

        [Fact]
        public void A_bulk_string_over_the_limit_is_refused_before_reading_it()
        {
            Assert.Equal(SessionStoreError.ProtocolError, Fails("$" + (RespReader.MaxBulkLength + 1) + "\r\n"));
        }

        [Fact]
        public void Arrays_nested_too_deep_are_refused()
        {
            Assert.Equal(SessionStoreError.ProtocolError, Fails(string.Concat(Enumerable.Repeat("*1\r\n", RespReader.MaxDepth + 1)) + ":1\r\n"));
        }

        [Theory]
        [InlineData("")]
        [InlineData("$10\r\nabc")]
        [InlineData("*2\r\n:1\r\n")]
        public void A_stream_that_ends_mid_reply_is_an_IoError(string wire)
        {
            Assert.Equal(SessionStoreError.IoError, Fails(wire));
        }

        [Fact]
        public void A_stream_that_ends_before_a_reply_says_the_server_closed_the_connection_before_replying()
        {
            var e = Assert.Throws<SessionStoreException>(() => Read(""));
            Assert.Contains("closed the connection before replying", e.Message);
        }

        [Fact]
        public void A_stream_that_ends_inside_a_reply_says_the_reply_was_cut_short()
        {
            var e = Assert.Throws<SessionStoreException>(() => Read("$10\r\nabc"));
            Assert.Contains("in the middle of a reply", e.Message);
        }

        [Fact]
        public void Requests_are_arrays_of_bulk_strings()
        {
            var bytes = RespWriter.Encode(new[] { Encoding.ASCII.GetBytes("GET"), new byte[] { 0, 13, 10 } });
            Assert.Equal("*2\r\n$3\r\nGET\r\n$3\r\n\0\r\n\r\n", Encoding.ASCII.GetString(bytes));
        }
    }
}
