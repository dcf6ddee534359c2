package ua.vikno.ivr.prompt;

import java.nio.file.Path;

import ws.schild.jave.Encoder;
import ws.schild.jave.EncoderException;
import ws.schild.jave.MultimediaObject;
import ws.schild.jave.encode.AudioAttributes;
import ws.schild.jave.encode.EncodingAttributes;

/** {@link AudioConverter} with JAVE2 (the ffmpeg it ships): any format ffmpeg reads, to {@code pcm_s16le} 8 kHz mono. */
public final class JaveConverter implements AudioConverter {
    /** Telephone audio: what G.711 carries. */
    static final int SAMPLE_RATE = 8000;

    @Override
    public void toTelephoneWav(Path source, Path target) throws ConversionFailure {
        AudioAttributes audio = new AudioAttributes();
        audio.setCodec("pcm_s16le");
        audio.setChannels(1);
        audio.setSamplingRate(SAMPLE_RATE);
        EncodingAttributes attributes = new EncodingAttributes();
        attributes.setOutputFormat("wav");
        attributes.setAudioAttributes(audio);
        try {
            new Encoder().encode(new MultimediaObject(source.toFile()), target.toFile(), attributes);
        } catch (EncoderException | IllegalArgumentException e) {
            throw new ConversionFailure(firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "ffmpeg failed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
