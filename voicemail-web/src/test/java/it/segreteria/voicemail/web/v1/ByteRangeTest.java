package it.segreteria.voicemail.web.v1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void aClosedRangeIsThatPart() {
        assertThat(ByteRange.parse("bytes=100-199", 1000))
                .isEqualTo(new ByteRange.Part(new ByteRange(100, 199)));
        assertThat(new ByteRange(100, 199).contentRange(1000)).isEqualTo("bytes 100-199/1000");
        assertThat(new ByteRange(100, 199).length()).isEqualTo(100);
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        assertThat(ByteRange.parse("bytes=0-", 1000))
                .isEqualTo(new ByteRange.Part(new ByteRange(0, 999)));
    }

    @Test
    void aSuffixIsTheLastBytes() {
        assertThat(ByteRange.parse("bytes=-10", 1000))
                .isEqualTo(new ByteRange.Part(new ByteRange(990, 999)));
        assertThat(ByteRange.parse("bytes=-5000", 1000))
                .isEqualTo(new ByteRange.Part(new ByteRange(0, 999)));
    }

    @Test
    void anEndBeyondTheBodyIsCut() {
        assertThat(ByteRange.parse("bytes=900-5000", 1000))
                .isEqualTo(new ByteRange.Part(new ByteRange(900, 999)));
    }

    @Test
    void aStartBeyondTheBodyCannotBeSatisfied() {
        assertThat(ByteRange.parse("bytes=1000-", 1000))
                .isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void anythingElseIsTheWholeBody() {
        for (String header :
                new String[] {
                    null,
                    "",
                    "items=0-1",
                    "bytes=0-1,5-9",
                    "bytes=abc",
                    "bytes=9-1",
                    "bytes=-",
                    "bytes=99999999999999999999-"
                }) {
            assertThat(ByteRange.parse(header, 1000))
                    .as(header)
                    .isInstanceOf(ByteRange.Whole.class);
        }
    }
}
